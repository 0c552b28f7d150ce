#pragma once

#include <string>
#include <utility>
#include <variant>

namespace dunn::util {

// A value or a message saying why there is none. For failures the caller
// expects and reports itself, such as a field that is not an amount.
// (std::expected is C++23; g++ 12 has none.)
template <class T> class Expected {
public:
    Expected(T value) : state_(std::move(value)) {}

    static Expected failure(std::string why) {
        return Expected(Failure{std::move(why)});
    }

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    const std::string& error() const { return std::get<1>(state_).why; }

private:
    struct Failure {
        std::string why;
    };
    explicit Expected(Failure f) : state_(std::move(f)) {}

    std::variant<T, Failure> state_;
};

} // namespace dunn::util

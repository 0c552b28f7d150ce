#include "dunning/escalation.hpp"

#include <catch2/catch.hpp>

using dunn::dunning::decide;
using dunn::dunning::next_due_on;
using dunn::dunning::Reason;
using dunn::dunning::Standing;
using dunn::util::Date;
using dunn::util::Money;

namespace {

Date day(const char* iso) {
    return *dunn::util::parse_date(iso);
}

dunn::policy::Policy policy() {
    dunn::policy::Policy p;
    p.min_days_between = 7;
    p.min_amount = Money::cents(500);
    for (auto [name, days] :
         {std::pair{"friendly", 7}, {"second", 21}, {"final", 35}}) {
        dunn::policy::Level level;
        level.name = level.template_name = name;
        level.after_days = days;
        p.levels.push_back(level);
    }
    return p;
}

Standing open_invoice(const char* due) {
    Standing s;
    s.due = day(due);
    s.open = Money::cents(10000);
    return s;
}

} // namespace

TEST_CASE("escalation: the first level is due after_days past the due date") {
    Standing s = open_invoice("2026-10-01");
    CHECK(decide(s, policy(), day("2026-10-07")).reason == Reason::not_yet);
    auto d = decide(s, policy(), day("2026-10-08"));
    CHECK(d.reason == Reason::due);
    CHECK(d.level == 0);
}

TEST_CASE("escalation: a long overdue invoice gets the first level, not the "
          "last") {
    auto d = decide(open_invoice("2026-01-01"), policy(), day("2026-12-01"));
    CHECK(d.reason == Reason::due);
    CHECK(d.level == 0);
}

TEST_CASE("escalation: the next level waits min_days_between after the last") {
    Standing s = open_invoice("2026-10-01");
    s.levels_sent = 1;
    s.last_step_on = day("2026-10-25");
    CHECK(decide(s, policy(), day("2026-10-31")).reason == Reason::too_soon);
    auto d = decide(s, policy(), day("2026-11-01"));
    CHECK(d.reason == Reason::due);
    CHECK(d.level == 1);
}

TEST_CASE("escalation: the next level waits for its own after_days") {
    Standing s = open_invoice("2026-10-01");
    s.levels_sent = 1;
    s.last_step_on = day("2026-10-08");
    CHECK(decide(s, policy(), day("2026-10-21")).reason == Reason::not_yet);
    CHECK(decide(s, policy(), day("2026-10-22")).reason == Reason::due);
}

TEST_CASE("escalation: nothing after the last level") {
    Standing s = open_invoice("2026-01-01");
    s.levels_sent = 3;
    s.last_step_on = day("2026-03-01");
    CHECK(decide(s, policy(), day("2027-01-01")).reason ==
          Reason::all_levels_sent);
    CHECK_FALSE(next_due_on(s, policy()));
}

TEST_CASE("escalation: a paid invoice gets no step") {
    Standing s = open_invoice("2026-01-01");
    s.open = Money();
    CHECK(decide(s, policy(), day("2026-12-01")).reason ==
          Reason::nothing_open);
    CHECK_FALSE(next_due_on(s, policy()));
}

TEST_CASE("escalation: an open amount below min_amount gets no step") {
    Standing s = open_invoice("2026-01-01");
    s.open = Money::cents(499);
    CHECK(decide(s, policy(), day("2026-12-01")).reason ==
          Reason::below_minimum);
    s.open = Money::cents(500);
    CHECK(decide(s, policy(), day("2026-12-01")).reason == Reason::due);
}

TEST_CASE("escalation: holds pause until released or until the day after") {
    Standing s = open_invoice("2026-01-01");
    s.held = true;
    CHECK(decide(s, policy(), day("2026-12-01")).reason == Reason::on_hold);
    CHECK_FALSE(next_due_on(s, policy()));

    s.held_until = day("2026-12-10");
    CHECK(decide(s, policy(), day("2026-12-10")).reason == Reason::held_until);
    CHECK(decide(s, policy(), day("2026-12-11")).reason == Reason::due);
    CHECK(*next_due_on(s, policy()) == day("2026-12-11"));
}

TEST_CASE("escalation: the same day twice never gives two steps") {
    auto p = policy();
    p.min_days_between = 0;
    Standing s = open_invoice("2026-01-01");
    s.levels_sent = 1;
    s.last_step_on = day("2026-12-01");
    CHECK(decide(s, p, day("2026-12-01")).reason == Reason::too_soon);
    CHECK(decide(s, p, day("2026-12-02")).reason == Reason::due);
}

TEST_CASE("escalation: next_due_on agrees with decide on every day") {
    // The run reads only invoices whose cached next_on has come; this is
    // the property that makes that safe.
    auto p = policy();
    for (int sent = 0; sent <= 3; ++sent) {
        for (int held = 0; held < 3; ++held) {
            Standing s = open_invoice("2026-10-01");
            s.levels_sent = sent;
            if (sent > 0)
                s.last_step_on = day("2026-10-20");
            s.held = held > 0;
            if (held == 2)
                s.held_until = day("2026-11-03");
            auto next = next_due_on(s, p);
            for (Date d = day("2026-09-01"); d < day("2027-02-01");
                 d += std::chrono::days(1)) {
                bool due = decide(s, p, d).reason == Reason::due;
                CHECK(due == (next && *next <= d));
            }
        }
    }
}

TEST_CASE("escalation: explain says why") {
    Standing s = open_invoice("2026-10-01");
    auto text = [&](const char* on) {
        return dunn::dunning::explain(decide(s, policy(), day(on)), s, policy(),
                                      day(on));
    };
    CHECK(text("2026-10-08") ==
          "due: level 'friendly' (7 days overdue; the level starts at 7)");
    CHECK(text("2026-10-03") == "nothing yet: 2 days overdue; level "
                                "'friendly' is due on 2026-10-08");
}

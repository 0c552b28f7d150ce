#pragma once

namespace dunn::util {

// A crash on demand, for the crash tests. With DUNN_FAULT="name:N" in the
// environment, the Nth call of fault_point("name") kills the process with
// SIGKILL, exactly as a crash or `kill -9` would: no destructor, no flush,
// no rollback. Without DUNN_FAULT it does nothing (the variable is read
// once). Points are listed in docs/reliability.md.
void fault_point(const char* name);

} // namespace dunn::util

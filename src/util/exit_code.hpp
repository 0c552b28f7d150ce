#pragma once

// Process exit codes, after BSD sysexits(3). Users' cron jobs and scripts
// test these numbers: never renumber one. docs/exit-codes.md lists them.

namespace dunn::util {

enum class ExitCode : int {
    ok = 0,
    usage = 64,       // bad command line, or a request that makes no sense
    data = 65,        // bad input data: a CSV row, an unknown invoice
    no_input = 66,    // an input file is missing or unreadable
    software = 70,    // a bug in dunn
    cant_create = 73, // an output file or directory cannot be created
    io = 74,          // reading or writing failed part-way
    temp_fail = 75,   // busy: another dunn holds the ledger; try again
    config = 78,      // the configuration or a template is wrong
};

} // namespace dunn::util

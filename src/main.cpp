#include "cli/commands.hpp"

int main(int argc, char** argv) {
    return dunn::cli::main(argc, argv);
}

// Placeholder entry point; the real command line is being built.
#include <cstdio>
int main() { std::puts("chronicle: not yet built"); return 1; }

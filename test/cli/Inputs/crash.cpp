// Makes the Clang front end crash (a debug pragma), for crash-isolation tests.
#pragma clang __debug crash
int x;

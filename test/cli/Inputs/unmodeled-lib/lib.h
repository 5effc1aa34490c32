#pragma once
#include <string>
int lib_read(int fd, char *buf);
void lib_notify(const std::string &what);

#ifndef VOORVELD_CSPAWN_H
#define VOORVELD_CSPAWN_H
#include <spawn.h>

/// Adds "close every descriptor from `lowest` up" to `actions` where the C library supports it
/// (glibc 2.34+); returns 0 on success, or an errno value.
int voorveld_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif

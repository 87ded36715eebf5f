/* Minimal assertions for ringside's in-guest test programs: a failed check
 * prints one line with the expression and errno, and the program exits 1. */
#ifndef RINGSIDE_CHECK_H
#define RINGSIDE_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			printf("check failed: %s:%d: %s (errno %d %s)\n",  \
			       __FILE__, __LINE__, #cond, errno,           \
			       strerror(errno));                           \
			check_failures++;                                  \
		}                                                          \
	} while (0)

/* CHECK_ERR asserts that a libc call returned -1 with errno e. */
#define CHECK_ERR(call, e)                                                 \
	do {                                                               \
		errno = 0;                                                 \
		long r_ = (long)(call);                                    \
		if (r_ != -1 || errno != (e)) {                            \
			printf("check failed: %s:%d: %s = %ld errno %d, "  \
			       "want -1 errno %d\n", __FILE__, __LINE__,   \
			       #call, r_, errno, (e));                     \
			check_failures++;                                  \
		}                                                          \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %s\n", name, check_failures ? "FAIL" : "ok");
	return check_failures ? 1 : 0;
}

#endif

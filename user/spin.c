/* spin NAME MS: computes for MS milliseconds of CLOCK_MONOTONIC without a
 * single blocking call, printing when it starts and ends. Two of them run
 * side by side only if the kernel preempts user mode.
 *
 * spin NAME MS sleep: sleeps 1 ms at a time instead, and after each sleep
 * checks that it woke in its own address space: a global holding its pid
 * (at the same address in every copy of this program) still holds it. A
 * kernel that returned from the sleep without switching back from the
 * task that ran meanwhile fails the check, or crashes the task. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t marker;

static int sleeper(const char *name, long long ms)
{
	struct timespec one = {0, 1000000};
	long wakeups = 0;

	marker = getpid();
	for (long long i = 0; i < ms; i++) {
		if (nanosleep(&one, NULL) != 0) {
			perror("nanosleep");
			return 1;
		}
		if (marker != getpid()) {
			printf("spin %s: woke with marker %d, pid %d\n", name,
			       (int)marker, (int)getpid());
			return 1;
		}
		wakeups++;
	}
	printf("spin %s: %ld wakeups in its own address space\n", name,
	       wakeups);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "spin";
	long long ms = argc > 2 ? atoll(argv[2]) : 50;
	volatile unsigned long x = 0;

	if (argc > 3 && strcmp(argv[3], "sleep") == 0)
		return sleeper(name, ms);

	printf("spin %s start\n", name);
	fflush(stdout);

	long long end = now_ms() + ms;
	while (now_ms() < end)
		for (int i = 0; i < 1000; i++)
			x += i;

	printf("spin %s end\n", name);
	return 0;
}

/* spin NAME MS: computes for MS milliseconds of CLOCK_MONOTONIC without a
 * single blocking call, printing when it starts and ends. Two of them run
 * side by side only if the kernel preempts user mode. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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

	printf("spin %s start\n", name);
	fflush(stdout);

	long long end = now_ms() + ms;
	while (now_ms() < end)
		for (int i = 0; i < 1000; i++)
			x += i;

	printf("spin %s end\n", name);
	return 0;
}

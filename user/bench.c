/* bench: guest instructions per kernel operation, for `make bench`.
 *
 *   bench [iterations [operation ...]]
 *
 * Runs each operation (all by default) `iterations` times (default 100000)
 * in a loop of its own and prints one machine-readable line per operation,
 *
 *   bench <operation> <iterations> <counter delta>
 *
 * and one line for people. Under QEMU's -icount shift=0 the counter (the
 * amd64 TSC, the arm64 CNTVCT_EL0 with cntfrq 1 GHz) advances once per
 * retired guest instruction, so the delta counts instructions, loop and
 * libc wrapper included. As PID 1 it powers the machine off when done
 * (Linux); where reboot(2) fails it simply exits 0 (ringside). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#define DEFAULT_ITERATIONS 100000L

/* Iterations run before each measurement, so that first-touch page faults
 * on the loop's code and data are not counted. */
#define WARMUP_ITERATIONS 1000L

static inline uint64_t read_counter(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
#elif defined(__aarch64__)
	uint64_t v;

	/* The ISB keeps the read from being taken early. */
	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#else
#error "bench: no instruction counter for this architecture"
#endif
}

/* The operations, one entry each: name, setup and loop body. The setup
 * statement runs once before the operation's first iteration (installing a
 * signal handler, arming a timer); the body is one statement the compiler
 * must not be able to drop or hoist. */
#define NO_SETUP ((void)0)
#define OPERATIONS(X)                                                  \
	X(null, NO_SETUP, __asm__ volatile("" : : : "memory"))         \
	X(getpid, NO_SETUP, getpid())                                  \
	X(gettid, NO_SETUP, syscall(SYS_gettid))                       \
	X(sched_getcpu, NO_SETUP, sched_getcpu())

/* Each operation gets a loop function of its own, so an iteration costs
 * the body plus the loop and nothing else (no indirect call). */
#define DEFINE_LOOP(name, setup, body)                                 \
	static void setup_##name(void)                                 \
	{                                                              \
		setup;                                                 \
	}                                                              \
	static __attribute__((noinline)) void loop_##name(long n)      \
	{                                                              \
		for (long i = 0; i < n; i++) {                         \
			body;                                          \
			__asm__ volatile("" : : : "memory");           \
		}                                                      \
	}
OPERATIONS(DEFINE_LOOP)

struct operation {
	const char *name;
	void (*setup)(void);
	void (*loop)(long n);
};

#define TABLE_ENTRY(name, setup, body) {#name, setup_##name, loop_##name},
static const struct operation operations[] = {OPERATIONS(TABLE_ENTRY)};

#define NOPS (sizeof(operations) / sizeof(operations[0]))

/* drain_output waits until the console has sent what was printed, so that
 * its transmit interrupts do not land in the next measurement. Where the
 * console cannot tell (ENOTTY), there is nothing to wait for. */
static void drain_output(void)
{
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
}

static void measure(const struct operation *op, long n)
{
	op->setup();
	drain_output();
	op->loop(n < WARMUP_ITERATIONS ? n : WARMUP_ITERATIONS);

	uint64_t start = read_counter();
	op->loop(n);
	uint64_t delta = read_counter() - start;

	printf("bench %s %ld %llu\n", op->name, n, (unsigned long long)delta);
	printf("# %-14s %10.1f instructions per operation\n", op->name,
	       (double)delta / (double)n);
}

static const struct operation *find(const char *name)
{
	for (unsigned i = 0; i < NOPS; i++)
		if (strcmp(operations[i].name, name) == 0)
			return &operations[i];
	return NULL;
}

static int finish(int status)
{
	fflush(stdout);
	if (getpid() == 1) {
		/* Nothing to sync: the initramfs is all there is. */
		reboot(RB_POWER_OFF);
	}
	return status;
}

int main(int argc, char **argv)
{
	long n = DEFAULT_ITERATIONS;
	int status = 0;

	if (argc > 1) {
		char *end;

		n = strtol(argv[1], &end, 10);
		if (*argv[1] == '\0' || *end != '\0' || n <= 0) {
			printf("bench: bad iteration count %s\n", argv[1]);
			return finish(2);
		}
	}

	printf("bench-start iterations=%ld operations=%u\n", n,
	       (unsigned)NOPS);
	if (argc <= 2) {
		for (unsigned i = 0; i < NOPS; i++)
			measure(&operations[i], n);
	}
	for (int i = 2; i < argc; i++) {
		const struct operation *op = find(argv[i]);

		if (op == NULL) {
			printf("bench: unknown operation %s\n", argv[i]);
			status = 2;
			continue;
		}
		measure(op, n);
	}
	printf("bench-done\n");

	return finish(status);
}

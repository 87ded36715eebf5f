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
 * libc wrapper included. The tick operation is the exception: its line
 * counts timer interrupts and the instructions they added (measure_ticks).
 * As PID 1 it powers the machine off when done (Linux); where reboot(2)
 * fails it simply exits 0 (ringside). */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_ITERATIONS 100000L

/* Iterations run before each measurement, so that first-touch page faults
 * on the loop's code and data are not counted. */
#define WARMUP_ITERATIONS 1000L

/* Counter units between two timer interrupts: both kernels tick at
 * HZ=250, every 4 ms, and the counter runs at 1 GHz of virtual time, one
 * unit per instruction under -icount shift=0. */
#define TICK_PERIOD 4000000ULL

/* The tick operation spins for iterations / ITERATIONS_PER_TICK periods,
 * at least MIN_TICKS: 100 ticks, 0.4 s of virtual time, by default. */
#define ITERATIONS_PER_TICK 1000L
#define MIN_TICKS 4L

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

/* Setup and body helpers of the operations below. */

static pid_t self_pid, self_tid;
static struct timespec ts;
static volatile long signals_handled;
static sigset_t same_mask, old_mask;

static void on_sigusr1(int sig, siginfo_t *info, void *uc)
{
	(void)sig, (void)info, (void)uc;
	signals_handled++;
}

/* setup_sigusr1 installs the handler once; the body then sends SIGUSR1 to
 * this thread with tgkill, the one syscall of glibc's raise() without the
 * getpid and gettid it adds. */
static void setup_sigusr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigusr1;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		printf("bench: sigaction(SIGUSR1) failed\n");
	self_pid = getpid();
	self_tid = (pid_t)syscall(SYS_gettid);
}

static void setup_mask(void)
{
	sigprocmask(SIG_SETMASK, NULL, &same_mask);
}

/* The pagefault operation: the first write to an anonymous page faults
 * (the kernel maps a zeroed page in: do_anonymous_page on Linux,
 * HandleFault on ringside) and MADV_DONTNEED takes the page away again,
 * so that the next iteration faults too. An iteration is a page fault's
 * entry, handling and return to user mode plus one syscall. */
static volatile char *fault_page;

static void map_fault_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("bench: mmap for pagefault failed\n");
		exit(1);
	}
	fault_page = p;
}

static void fault_and_drop(void)
{
	fault_page[0] = 1;
	madvise((void *)fault_page, 4096, MADV_DONTNEED);
}

/* The rseq_abort operation: one critical section per iteration that sends
 * SIGUSR1 to this thread with a raw tgkill from inside itself. The signal
 * is delivered at the syscall's return with the IP still in the section,
 * so the kernel aborts it (IP = abort_ip, rseq_cs cleared; Linux's
 * rseq_ip_fixup) before it builds the frame; the handler runs and
 * rt_sigreturn resumes at the abort label.
 *
 * A syscall inside a section is what a kernel built with CONFIG_DEBUG_RSEQ
 * (Linux) or -tags rseqdebug (ringside) punishes with SIGSEGV; Debian's
 * 6.1 and a default ringside build are neither.
 *
 * int bench_rseq_abort(struct rseq *rs, pid_t pid, pid_t tid)
 *   stores the descriptor's address into rs->rseq_cs, then sends SIGUSR1
 *   with tgkill(pid, tid) as the section's first instruction: 1 from the
 *   abort label, 0 if the section ran to its end (not aborted). Clobbers
 *   what a call may (and the syscall's rcx and r11 on amd64). The store
 *   is the last instruction before start_ip: a kernel that finds the IP
 *   outside the section after it (an interrupt's exit with rseq work; an
 *   rseqeager ringside on every tick) clears rseq_cs, as Linux's
 *   rseq_ip_fixup does, and that section would not abort. The
 *   signature word sits right before abort_ip (amd64: the imm32 of ud1
 *   0f b9 3d; arm64: brk #0x45e0), RSEQ_SIG as glibc registers it. */
#define STR(x) #x
#define XSTR(x) STR(x)
#if defined(__x86_64__)
__asm__(
	"	.text\n"
	"	.type bench_rseq_abort, @function\n"
	"bench_rseq_abort:\n"
	"	leaq bench_rseq_cs(%rip), %r8\n"
	"	movq %rdi, %r9\n"
	"	movl %esi, %edi\n"
	"	movl %edx, %esi\n"
	"	movl $" XSTR(SIGUSR1) ", %edx\n"
	"	movl $" XSTR(SYS_tgkill) ", %eax\n"
	"	movq %r8, 8(%r9)\n"
	"bench_rseq_start:\n"
	"	syscall\n"
	"	xorl %eax, %eax\n"
	"bench_rseq_post:\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x53053053\n"
	"bench_rseq_abort_ip:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	"	.size bench_rseq_abort, . - bench_rseq_abort\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"bench_rseq_cs:\n"
	"	.long 0, 0\n"
	"	.quad bench_rseq_start, bench_rseq_post - bench_rseq_start\n"
	"	.quad bench_rseq_abort_ip\n"
	"	.popsection\n");
#elif defined(__aarch64__)
__asm__(
	"	.text\n"
	"	.type bench_rseq_abort, %function\n"
	"bench_rseq_abort:\n"
	"	adrp x3, bench_rseq_cs\n"
	"	add x3, x3, :lo12:bench_rseq_cs\n"
	"	mov x4, x0\n"
	"	mov w0, w1\n"
	"	mov w1, w2\n"
	"	mov w2, #" XSTR(SIGUSR1) "\n"
	"	mov x8, #" XSTR(SYS_tgkill) "\n"
	"	str x3, [x4, #8]\n"
	"bench_rseq_start:\n"
	"	svc #0\n"
	"	mov w0, #0\n"
	"bench_rseq_post:\n"
	"	ret\n"
	"	.inst 0xd428bc00\n"
	"bench_rseq_abort_ip:\n"
	"	mov w0, #1\n"
	"	ret\n"
	"	.size bench_rseq_abort, . - bench_rseq_abort\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"bench_rseq_cs:\n"
	"	.long 0, 0\n"
	"	.quad bench_rseq_start, bench_rseq_post - bench_rseq_start\n"
	"	.quad bench_rseq_abort_ip\n"
	"	.popsection\n");
#else
#error "bench: no rseq critical section for this architecture"
#endif

int bench_rseq_abort(struct rseq *rs, pid_t pid, pid_t tid);

static struct rseq *rseq_area;
static volatile long rseq_aborts;

/* setup_abort installs the SIGUSR1 handler and finds the area glibc
 * registered at start-up: thread pointer + __rseq_offset. measure_aborts
 * has checked that there is one (__rseq_size != 0). */
static void setup_abort(void)
{
	setup_sigusr1();
	rseq_area = (struct rseq *)((char *)__builtin_thread_pointer() +
				    __rseq_offset);
}

/* The rseq_ids operation: unregister glibc's area and register it again,
 * two syscalls. The registration leaves the IDs to write on the way back
 * to user mode: Linux raises notify-resume (rseq_set_notify_resume) and
 * resume_user_mode_work writes them; ringside marks them pending and its
 * exit path does the same. So this is the syscall with notify-resume
 * work pending whose exit rewrites the rseq IDs. Unregistration leaves
 * cpu_id RSEQ_CPU_ID_UNINITIALIZED; rseq_reregister returns 1 only if the
 * registration's exit wrote a CPU number again. */
static uint32_t rseq_len;
static volatile long rseq_rewrites;

static long rseq_call(uint32_t len, int flags)
{
	return syscall(SYS_rseq, rseq_area, len, flags, RSEQ_SIG);
}

static int rseq_reregister(void)
{
	if (rseq_call(rseq_len, RSEQ_FLAG_UNREGISTER) != 0 ||
	    rseq_call(rseq_len, 0) != 0)
		return 0;
	return (int32_t)rseq_area->cpu_id >= 0;
}

/* find_rseq_len finds glibc's area and the length it was registered
 * with, which unregistration must repeat: Debian's glibc 2.36 registers
 * 32 bytes but publishes __rseq_size = 20. rseq_len stays 0 if neither
 * works. */
static void find_rseq_len(void)
{
	const uint32_t lens[] = {32, __rseq_size};

	rseq_area = (struct rseq *)((char *)__builtin_thread_pointer() +
				    __rseq_offset);
	rseq_len = 0;
	for (unsigned i = 0; i < 2 && __rseq_size != 0; i++) {
		if (rseq_call(lens[i], RSEQ_FLAG_UNREGISTER) == 0) {
			rseq_len = lens[i];
			rseq_call(rseq_len, 0);
			return;
		}
	}
}

/* The operations, one entry each: name, how it is measured, setup and loop
 * body.
 *
 *   calls    the body `iterations` times: instructions per iteration
 *   signals  as calls, and the SIGUSR1 handler must have run once for
 *            each iteration, or no line is printed
 *   aborts   as signals, and the body must have returned 1 (an aborted
 *            rseq critical section) for each iteration; no line either
 *            without glibc's rseq area
 *   rewrites as calls, and every registration must have had its IDs
 *            written; no line without glibc's rseq area
 *   ticks    no body: a spin loop, instructions per timer interrupt
 *
 * The setup statement runs once before the operation's first iteration
 * (installing a signal handler); the body is one statement the compiler
 * must not be able to drop or hoist. pagefault comes after tick, so that
 * the work Linux defers after freeing 100000 pages does not land in the
 * tick's window. The signal operations come last: a
 * kernel that ends the task on a caught signal (or on a syscall inside an
 * rseq section) still prints the other lines. */
#define NO_SETUP ((void)0)
#define NO_BODY ((void)0)
#define OPERATIONS(X)                                                      \
	X(null, calls, NO_SETUP, __asm__ volatile("" : : : "memory"))      \
	X(getpid, calls, NO_SETUP, getpid())                               \
	X(gettid, calls, NO_SETUP, syscall(SYS_gettid))                    \
	X(sched_getcpu, calls, NO_SETUP, sched_getcpu())                   \
	X(clock_gettime, calls, NO_SETUP,                                  \
	  clock_gettime(CLOCK_MONOTONIC, &ts))                             \
	X(sigprocmask, calls, setup_mask(),                                \
	  sigprocmask(SIG_SETMASK, &same_mask, &old_mask))                 \
	X(rseq_ids, rewrites, find_rseq_len(),                            \
	  rseq_rewrites += rseq_reregister())                              \
	X(tick, ticks, NO_SETUP, NO_BODY)                                  \
	X(pagefault, calls, map_fault_page(), fault_and_drop())           \
	X(signal, signals, setup_sigusr1(),                                \
	  syscall(SYS_tgkill, self_pid, self_tid, SIGUSR1))                \
	X(rseq_abort, aborts, setup_abort(),                               \
	  rseq_aborts += bench_rseq_abort(rseq_area, self_pid, self_tid))

/* Each operation gets a loop function of its own, so an iteration costs
 * the body plus the loop and nothing else (no indirect call). */
#define DEFINE_LOOP(name, how, setup, body)                            \
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
	void (*measure)(const struct operation *op, long n);
	void (*setup)(void);
	void (*loop)(long n);
};

static void measure_calls(const struct operation *op, long n);
static void measure_signals(const struct operation *op, long n);
static void measure_aborts(const struct operation *op, long n);
static void measure_rewrites(const struct operation *op, long n);
static void measure_ticks(const struct operation *op, long n);

#define TABLE_ENTRY(name, how, setup, body)                            \
	{#name, measure_##how, setup_##name, loop_##name},
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

/* warmed is how many times run_calls runs the body for n iterations. */
static long warmed(long n)
{
	return n + (n < WARMUP_ITERATIONS ? n : WARMUP_ITERATIONS);
}

/* run_calls runs the warm-up and then the measured loop; it returns the
 * counter delta of the latter. */
static uint64_t run_calls(const struct operation *op, long n)
{
	op->setup();
	drain_output();
	op->loop(n < WARMUP_ITERATIONS ? n : WARMUP_ITERATIONS);

	uint64_t start = read_counter();
	op->loop(n);
	return read_counter() - start;
}

static void report(const char *name, long n, uint64_t delta)
{
	printf("bench %s %ld %llu\n", name, n, (unsigned long long)delta);
	printf("# %-14s %10.1f instructions per operation\n", name,
	       (double)delta / (double)n);
}

static void measure_calls(const struct operation *op, long n)
{
	report(op->name, n, run_calls(op, n));
}

/* measure_signals is measure_calls for a body that raises one signal: a
 * kernel that dropped or merged signals would look fast, so the handler's
 * count is checked first. */
static void measure_signals(const struct operation *op, long n)
{
	signals_handled = 0;
	uint64_t delta = run_calls(op, n);
	long want = warmed(n);

	if (signals_handled != want) {
		printf("bench: %s: handler ran %ld times for %ld signals\n",
		       op->name, (long)signals_handled, want);
		return;
	}
	report(op->name, n, delta);
}

/* measure_aborts is measure_signals for a body that raises its signal
 * inside an rseq critical section: a kernel that did not abort the section
 * would look fast too, so the aborts are counted as well. */
static void measure_aborts(const struct operation *op, long n)
{
	if (__rseq_size == 0) {
		printf("bench: %s: glibc registered no rseq area\n",
		       op->name);
		return;
	}
	signals_handled = 0;
	rseq_aborts = 0;
	uint64_t delta = run_calls(op, n);
	long want = warmed(n);

	if (signals_handled != want || rseq_aborts != want) {
		printf("bench: %s: handler ran %ld times, %ld sections "
		       "aborted, for %ld signals\n", op->name,
		       (long)signals_handled, (long)rseq_aborts, want);
		return;
	}
	report(op->name, n, delta);
}

/* measure_rewrites is measure_calls for rseq_ids: a kernel that skipped
 * the IDs after a registration would look fast, so each is checked. */
static void measure_rewrites(const struct operation *op, long n)
{
	rseq_rewrites = 0;
	uint64_t delta = run_calls(op, n);
	long want = warmed(n);

	if (rseq_len == 0) {
		printf("bench: %s: cannot re-register glibc's rseq area\n",
		       op->name);
		return;
	}
	if (rseq_rewrites != want) {
		printf("bench: %s: IDs written after %ld of %ld "
		       "registrations\n", op->name, (long)rseq_rewrites, want);
		return;
	}
	report(op->name, n, delta);
}

/* A tick window: what spin_window saw. */
struct window {
	uint64_t delta;      /* counter units from the first read to the last */
	uint64_t passes;     /* loop passes after the first read */
	uint64_t interrupts; /* passes longer than SPIN_THRESHOLD */
};

/* A pass of spin_window's loop that takes longer than this was
 * interrupted: an undisturbed one is SPIN_PASS instructions, an
 * interrupt entry and return alone are more. */
#define SPIN_THRESHOLD 64

/* spin_window reads the counter in a loop until `length` units have
 * passed. The loop is written out in assembly so that an undisturbed
 * pass is exactly SPIN_PASS instructions, whatever the compiler; counting
 * the passes longer than SPIN_THRESHOLD needs no branch. */
#if defined(__x86_64__)
#define SPIN_PASS 11
static void spin_window(uint64_t length, struct window *w)
{
	uint64_t first, prev, end = length, passes = 0, taken = 0;

	__asm__ volatile(
		"rdtsc\n\t"
		"shl $32, %%rdx\n\t"
		"or %%rdx, %%rax\n\t"
		"mov %%rax, %[first]\n\t"
		"mov %%rax, %[prev]\n\t"
		"add %%rax, %[end]\n"
		"1:\n\t"
		"rdtsc\n\t"
		"shl $32, %%rdx\n\t"
		"or %%rax, %%rdx\n\t"         /* rdx: now */
		"mov %%rdx, %%rax\n\t"
		"sub %[prev], %%rax\n\t"      /* rax: this pass */
		"mov %%rdx, %[prev]\n\t"
		"cmp %%rax, %[threshold]\n\t" /* CF: pass > threshold */
		"adc $0, %[taken]\n\t"
		"inc %[passes]\n\t"
		"cmp %[end], %%rdx\n\t"
		"jb 1b"
		: [first] "=&r"(first), [prev] "=&r"(prev), [end] "+&r"(end),
		  [passes] "+&r"(passes), [taken] "+&r"(taken)
		: [threshold] "r"((uint64_t)SPIN_THRESHOLD)
		: "rax", "rdx", "cc", "memory");
	w->delta = prev - first;
	w->passes = passes;
	w->interrupts = taken;
}
#elif defined(__aarch64__)
#define SPIN_PASS 9
static void spin_window(uint64_t length, struct window *w)
{
	uint64_t first, prev, now, pass, end = length, passes = 0, taken = 0;

	__asm__ volatile(
		"isb\n\t"
		"mrs %[first], cntvct_el0\n\t"
		"mov %[prev], %[first]\n\t"
		"add %[end], %[end], %[first]\n"
		"1:\n\t"
		"isb\n\t"
		"mrs %[now], cntvct_el0\n\t"
		"sub %[pass], %[now], %[prev]\n\t"
		"mov %[prev], %[now]\n\t"
		"cmp %[pass], %[threshold]\n\t"
		"cinc %[taken], %[taken], hi\n\t"
		"add %[passes], %[passes], #1\n\t"
		"cmp %[now], %[end]\n\t"
		"b.lo 1b"
		: [first] "=&r"(first), [prev] "=&r"(prev), [now] "=&r"(now),
		  [pass] "=&r"(pass), [end] "+&r"(end),
		  [passes] "+&r"(passes), [taken] "+&r"(taken)
		: [threshold] "r"((uint64_t)SPIN_THRESHOLD)
		: "cc", "memory");
	w->delta = prev - first;
	w->passes = passes;
	w->interrupts = taken;
}
#endif

/* spin_overhead is what the interrupts in w added to the loop's own
 * instructions. The first pass starts mid-loop and is shorter than the
 * others by `lead`, which a window too short for any interrupt gives. */
static uint64_t spin_overhead(const struct window *w, int64_t lead)
{
	return (uint64_t)((int64_t)w->delta + lead -
			  (int64_t)(w->passes * SPIN_PASS));
}

/* measure_ticks measures what a timer interrupt in user mode costs: the
 * spin loop's counter delta minus its own instructions is what the
 * interrupts taken in the window added, entry, tick work and return to
 * user mode; the interrupts are the passes that took longer than an
 * undisturbed one. Its line reads "bench tick <interrupts> <added>", so
 * that the per-operation figure is instructions per tick. */
static void measure_ticks(const struct operation *op, long n)
{
	long ticks = n / ITERATIONS_PER_TICK;
	struct window calibration, w;

	if (ticks < MIN_TICKS)
		ticks = MIN_TICKS;
	op->setup();
	drain_output();

	/* Short enough to see no interrupt; retried if one came anyway. */
	do
		spin_window(200, &calibration);
	while (calibration.interrupts != 0);
	int64_t lead = (int64_t)(calibration.passes * SPIN_PASS) -
		       (int64_t)calibration.delta;

	spin_window((uint64_t)ticks * TICK_PERIOD, &w);
	uint64_t added = spin_overhead(&w, lead);

	if (w.interrupts == 0) {
		printf("bench: %s: no interrupt in %llu instructions\n",
		       op->name, (unsigned long long)w.delta);
		return;
	}
	printf("bench %s %llu %llu\n", op->name,
	       (unsigned long long)w.interrupts, (unsigned long long)added);
	printf("# %-14s %10.1f instructions per tick "
	       "(%llu in %llu instructions: one per %.0f)\n",
	       op->name, (double)added / (double)w.interrupts,
	       (unsigned long long)w.interrupts,
	       (unsigned long long)w.delta,
	       (double)w.delta / (double)w.interrupts);
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
			operations[i].measure(&operations[i], n);
	}
	for (int i = 2; i < argc; i++) {
		const struct operation *op = find(argv[i]);

		if (op == NULL) {
			printf("bench: unknown operation %s\n", argv[i]);
			status = 2;
			continue;
		}
		op->measure(op, n);
	}
	printf("bench-done\n");

	return finish(status);
}

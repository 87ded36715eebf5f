/* signal: handlers, frames, sigreturn, masks, the alternate stack, alarm
 * and interval timers, EINTR from sleeps, the FP state across a handler,
 * queued real-time signals, sigwaitinfo, sigtimedwait, sigsuspend and
 * sigpending. Prints "signal: ok". */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t hits, last_sig, last_code, last_pid;
static volatile sig_atomic_t usr1_blocked_inside, onstack_inside;
static volatile uintptr_t last_addr;
static sigset_t saved_mask;

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *),
			int flags)
{
	struct sigaction sa = {0};
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	CHECK(sigaction(sig, &sa, NULL) == 0);
}

static void on_signal(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;
	sigset_t now;

	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	saved_mask = uc->uc_sigmask;
	sigprocmask(SIG_BLOCK, NULL, &now);
	usr1_blocked_inside = sigismember(&now, SIGUSR1);

	stack_t ss;
	sigaltstack(NULL, &ss);
	onstack_inside = (ss.ss_flags & SS_ONSTACK) != 0;
}

/* Handlers: SA_SIGINFO, siginfo, ucontext, the mask inside. */
static void test_handlers(void)
{
	set_handler(SIGUSR1, on_signal, 0);

	hits = 0;
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 1);
	CHECK(last_sig == SIGUSR1);
	CHECK(last_code == SI_TKILL);
	CHECK(last_pid == getpid());
	CHECK(usr1_blocked_inside);
	CHECK(!sigismember(&saved_mask, SIGUSR1));

	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(!sigismember(&now, SIGUSR1)); /* sigreturn restored it */

	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(hits == 2);
	CHECK(last_code == SI_USER);

	/* SA_NODEFER: the signal stays unblocked in its handler. */
	set_handler(SIGUSR1, on_signal, SA_NODEFER);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 3 && !usr1_blocked_inside);

	/* SA_RESETHAND: one run, then SIG_DFL. */
	set_handler(SIGUSR2, on_signal, SA_RESETHAND);
	CHECK(raise(SIGUSR2) == 0);
	CHECK(hits == 4 && last_sig == SIGUSR2);
	struct sigaction old;
	CHECK(sigaction(SIGUSR2, NULL, &old) == 0);
	CHECK(old.sa_handler == SIG_DFL);
}

/* sigprocmask holds a signal back until it is unblocked. */
static void test_mask(void)
{
	sigset_t set, old;

	set_handler(SIGUSR1, on_signal, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);

	hits = 0;
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 0);
	CHECK(sigprocmask(SIG_SETMASK, &old, NULL) == 0);
	CHECK(hits == 1);
}

/* A SIGSEGV handler leaves through siglongjmp. */
static sigjmp_buf segv_env;

static void on_segv(int sig, siginfo_t *si, void *ucp)
{
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = (uintptr_t)si->si_addr;
#if defined(__x86_64__)
	ucontext_t *uc = ucp;
	CHECK(uc->uc_mcontext.gregs[REG_CR2] == 8);
	CHECK(uc->uc_mcontext.gregs[REG_TRAPNO] == 14);
#else
	(void)ucp;
#endif
	siglongjmp(segv_env, 1);
}

static volatile int *volatile bad_ptr = (volatile int *)8;

/* segv_once stores through a bad pointer; the handler's siglongjmp makes
 * it return 1. */
static int segv_once(void)
{
	if (sigsetjmp(segv_env, 1) == 0) {
		*bad_ptr = 1;
		return 0;
	}
	return 1;
}

static void test_segv(void)
{
	set_handler(SIGSEGV, on_segv, 0);
	hits = 0;
	CHECK(segv_once());
	CHECK(segv_once());
	CHECK(hits == 2); /* the mask was restored by siglongjmp */
	CHECK(last_sig == SIGSEGV);
	CHECK(last_code == SEGV_MAPERR);
	CHECK(last_addr == 8);
	signal(SIGSEGV, SIG_DFL);
}

/* SA_ONSTACK runs the handler on the alternate stack. */
static char altstack[64 * 1024];

static void test_altstack(void)
{
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	CHECK(sigaltstack(&ss, NULL) == 0);

	set_handler(SIGUSR1, on_signal, SA_ONSTACK);
	onstack_inside = 0;
	CHECK(raise(SIGUSR1) == 0);
	CHECK(onstack_inside);

	set_handler(SIGUSR1, on_signal, 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(!onstack_inside);

	ss.ss_flags = SS_DISABLE;
	CHECK(sigaltstack(&ss, NULL) == 0);
}

/* alarm(2) and setitimer(2) deliver SIGALRM, which cuts pause(2) and
 * nanosleep(2) short with EINTR. */
static void test_timers(void)
{
	set_handler(SIGALRM, on_signal, 0);

	CHECK(alarm(5) == 0);
	CHECK(alarm(1) == 5); /* 4.99... s left, rounded */
	hits = 0;
	CHECK_ERR(pause(), EINTR);
	CHECK(hits == 1 && last_sig == SIGALRM);
	CHECK(last_code == SI_KERNEL);
	CHECK(alarm(0) == 0);

	struct itimerval it = {.it_value = {0, 200000}};
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	struct timespec req = {5, 0}, rem = {0, 0};
	hits = 0;
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	CHECK(hits == 1);
	CHECK(rem.tv_sec >= 4 && rem.tv_sec < 5);

	/* An interval timer goes on firing. */
	it = (struct itimerval){{0, 50000}, {0, 50000}};
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	hits = 0;
	for (int i = 0; i < 3; i++)
		CHECK_ERR(pause(), EINTR);
	CHECK(hits == 3);
	/* getitimer reads the running timer; the old value also comes
	 * back from setitimer. */
	struct itimerval cur;
	CHECK(getitimer(ITIMER_REAL, &cur) == 0);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 50000);
	it = (struct itimerval){0};
	CHECK(setitimer(ITIMER_REAL, &it, &cur) == 0);
	CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 50000);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 50000);
	CHECK(setitimer(ITIMER_REAL, &it, &cur) == 0);
	CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

	it.it_value.tv_usec = 1000000;
	CHECK_ERR(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
}

/* The FP state survives a handler that changes it: a vector register
 * held across the signal, and the SSE / FPCR rounding mode (set by hand:
 * fenv.h needs libm). */
#if defined(__x86_64__)
#define ROUND_UP 2u
#define ROUND_ZERO 3u

static void set_round(unsigned mode)
{
	unsigned int mxcsr;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	mxcsr = (mxcsr & ~0x6000u) | mode << 13;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
}

static unsigned get_round(void)
{
	unsigned int mxcsr;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	return (mxcsr >> 13) & 3;
}
#else
#define ROUND_UP 1u
#define ROUND_ZERO 3u

static void set_round(unsigned mode)
{
	uint64_t fpcr;
	__asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
	fpcr = (fpcr & ~(3ull << 22)) | (uint64_t)mode << 22;
	__asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
}

static unsigned get_round(void)
{
	uint64_t fpcr;
	__asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
	return (fpcr >> 22) & 3;
}
#endif

static volatile int fp_inside_ok;

static void on_fp(int sig, siginfo_t *si, void *ucp)
{
	(void)si;
	(void)ucp;
	hits++;
	last_sig = sig;
#if defined(__x86_64__)
	/* Linux starts a handler with a fresh FP state. */
	unsigned short cw;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	unsigned int mxcsr;
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	fp_inside_ok = cw == 0x37f && mxcsr == 0x1f80;
	__asm__ volatile("pcmpeqd %%xmm8, %%xmm8" ::: "xmm8");
#else
	fp_inside_ok = 1;
	__asm__ volatile("movi v16.2d, #0xffffffffffffffff" ::: "v16");
#endif
	set_round(ROUND_ZERO);
}

/* raise_keeping sends SIGUSR1 to the caller with in held in a vector
 * register across the syscall, and returns that register afterwards. */
static uint64_t raise_keeping(uint64_t in)
{
	uint64_t out;
	long pid = getpid(), tid = gettid();
#if defined(__x86_64__)
	long ret;
	__asm__ volatile("movq %[in], %%xmm8\n\t"
			 "syscall\n\t"
			 "movq %%xmm8, %[out]"
			 : "=a"(ret), [out] "=r"(out)
			 : "0"((long)SYS_tgkill), "D"(pid), "S"(tid),
			   "d"((long)SIGUSR1), [in] "r"(in)
			 : "rcx", "r11", "memory", "xmm8");
#else
	register long x8 __asm__("x8") = SYS_tgkill;
	register long x0 __asm__("x0") = pid;
	register long x1 __asm__("x1") = tid;
	register long x2 __asm__("x2") = SIGUSR1;
	__asm__ volatile("fmov d16, %[in]\n\t"
			 "svc #0\n\t"
			 "fmov %[out], d16"
			 : "+r"(x0), [out] "=r"(out)
			 : "r"(x8), "r"(x1), "r"(x2), [in] "r"(in)
			 : "memory", "v16");
#endif
	return out;
}

static void test_fp(void)
{
	set_handler(SIGUSR1, on_fp, 0);
	set_round(ROUND_UP);

	hits = 0;
	uint64_t v = raise_keeping(0x0123456789abcdefULL);
	CHECK(hits == 1 && last_sig == SIGUSR1);
	CHECK(fp_inside_ok);
	CHECK(v == 0x0123456789abcdefULL);
	CHECK(get_round() == ROUND_UP);

	volatile double one = 1.0, three = 3.0;
	CHECK(one / three > 0.3333333333333333); /* rounded up */
	set_round(0);
}

/* Real-time signals queue: three sigqueue()s of SIGRTMIN while it is
 * blocked are delivered in order with their values once unblocked; a
 * standard signal sent twice is delivered once. */
static volatile int rt_values[8];
static volatile sig_atomic_t rt_count;

static void on_rt(int sig, siginfo_t *si, void *ucp)
{
	(void)ucp;
	if (rt_count < 8)
		rt_values[rt_count] = si->si_value.sival_int;
	rt_count++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
}

static void test_queue(void)
{
	sigset_t set, pending;

	set_handler(SIGRTMIN, on_rt, 0);
	set_handler(SIGUSR2, on_rt, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);

	for (int v = 1; v <= 3; v++)
		CHECK(sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = v})
		      == 0);
	CHECK(sigqueue(getpid(), SIGUSR2, (union sigval){.sival_int = 7}) == 0);
	CHECK(sigqueue(getpid(), SIGUSR2, (union sigval){.sival_int = 8}) == 0);
	CHECK(sigpending(&pending) == 0);
	CHECK(sigismember(&pending, SIGRTMIN) && sigismember(&pending, SIGUSR2));

	/* Unblocked, they are all delivered on the way out, lowest number
	 * first, each frame on top of the one before: SIGUSR2's frame is
	 * the bottom one, so its handler runs last. SIGRTMIN's three run in
	 * the order sent, each after the sigreturn of the one before. */
	rt_count = 0;
	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(rt_count == 4);
	CHECK(rt_values[0] == 1 && rt_values[1] == 2 && rt_values[2] == 3);
	CHECK(rt_values[3] == 7); /* SIGUSR2 once, the first value */
	CHECK(last_sig == SIGUSR2 && last_code == SI_QUEUE);
	CHECK(last_pid == getpid());
	CHECK(sigpending(&pending) == 0 && sigisemptyset(&pending));

	signal(SIGRTMIN, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* sigwaitinfo takes a blocked signal without its handler; sigtimedwait
 * times out with EAGAIN. */
static void test_wait(void)
{
	sigset_t set;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);

	CHECK(sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 42})
	      == 0);
	CHECK(sigwaitinfo(&set, &si) == SIGRTMIN + 1);
	CHECK(si.si_signo == SIGRTMIN + 1 && si.si_code == SI_QUEUE);
	CHECK(si.si_value.sival_int == 42 && si.si_pid == getpid());

	struct timespec ts = {0, 10 * 1000 * 1000};
	CHECK_ERR(sigtimedwait(&set, &si, &ts), EAGAIN);

	/* alarm's SIGALRM ends an unbounded wait with EINTR. */
	set_handler(SIGALRM, on_signal, 0);
	struct itimerval it = {{0, 0}, {0, 20000}};
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	hits = 0;
	CHECK_ERR(sigwaitinfo(&set, &si), EINTR);
	CHECK(hits == 1 && last_sig == SIGALRM);

	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
}

/* sigsuspend waits with SIGUSR1 unblocked and puts the old mask back. */
static void test_suspend(void)
{
	sigset_t block, during, now;

	set_handler(SIGUSR1, on_signal, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &block, NULL) == 0);

	/* The signal is already pending: sigsuspend returns at once. */
	CHECK(raise(SIGUSR1) == 0);
	hits = 0;
	sigemptyset(&during);
	CHECK_ERR(sigsuspend(&during), EINTR);
	CHECK(hits == 1 && last_sig == SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR1));

	/* Or it waits for one: the alarm. */
	set_handler(SIGALRM, on_signal, 0);
	struct itimerval it = {{0, 0}, {0, 20000}};
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	hits = 0;
	CHECK_ERR(sigsuspend(&during), EINTR);
	CHECK(hits == 1 && last_sig == SIGALRM);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR1));

	CHECK(sigprocmask(SIG_UNBLOCK, &block, NULL) == 0);
}

int main(void)
{
	test_handlers();
	test_mask();
	test_segv();
	test_altstack();
	test_timers();
	test_fp();
	test_queue();
	test_wait();
	test_suspend();
	return check_done("signal");
}

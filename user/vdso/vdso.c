/* ringside's vDSO: the time calls glibc and musl make without a syscall
 * when the kernel offers them (AT_SYSINFO_EHDR), as Linux's vDSO does.
 *
 * The kernel maps a data page (vvar) right below the image and fills it
 * once per task: how to turn the CPU's free-running counter into the
 * kernel's nanoseconds (the TSC with the nanoseconds per tick the board
 * calibrated, or the generic timer's virtual count at its frequency,
 * exactly as the kernel computes them) and the offsets of the monotonic
 * and real-time clocks. Clocks it does not serve, and a page the kernel
 * left empty, go to the syscall. Linux: arch/x86/entry/vdso,
 * arch/arm64/kernel/vdso, lib/vdso/gettimeofday.c. */
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

/* struct vvar is kernel/vdso.go's vvarPage. */
enum { vvarTSC = 1, vvarCNTVCT = 2 };

struct vvar {
	uint64_t kind;  /* vvarTSC, vvarCNTVCT, or 0: syscalls only */
	uint64_t param; /* the bits of a double ns per tick, or Hz */
	int64_t boot;   /* CLOCK_MONOTONIC = now - boot */
	int64_t wall;   /* CLOCK_REALTIME = now + wall */
};

/* The image's own ELF header, so that the page below it is found
 * without a relocation. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static inline const volatile struct vvar *vvar(void)
{
	uintptr_t p = (uintptr_t)__ehdr_start;

	/* The compiler must not reason about what lies before the header. */
	__asm__("" : "+r"(p));
	return (const volatile struct vvar *)(p - 4096);
}

static long fallback(long nr, long a, long b)
{
	long ret;
#if defined(__x86_64__)
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "0"(nr), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory");
	ret = x0;
#endif
	return ret;
}

/* now is the kernel's raw nanoseconds, as its board computes them. */
static int64_t now(const volatile struct vvar *v)
{
#if defined(__x86_64__)
	uint32_t lo, hi;
	union {
		uint64_t u;
		double d;
	} ns_per_tick = {v->param};

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (int64_t)((double)((uint64_t)hi << 32 | lo) * ns_per_tick.d);
#elif defined(__aarch64__)
	uint64_t t, f = v->param;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return (int64_t)(t / f * 1000000000ull + t % f * 1000000000ull / f);
#endif
}

/* read gives clock id's time in ns, or returns 0 for a clock the vDSO
 * leaves to the kernel. */
static int read(clockid_t id, int64_t *ns)
{
	const volatile struct vvar *v = vvar();
	if (v->kind == 0)
		return 0;

	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:
		*ns = now(v) + v->wall;
		return 1;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = now(v) - v->boot;
		return 1;
	}
	return 0;
}

int vdso_clock_gettime(clockid_t id, struct timespec *ts)
{
	int64_t ns;

	if (!read(id, &ns))
		return fallback(SYS_clock_gettime, id, (long)ts);
	ts->tv_sec = ns / 1000000000;
	ts->tv_nsec = ns % 1000000000;
	return 0;
}

int vdso_gettimeofday(struct timeval *tv, struct timezone *tz)
{
	int64_t ns;

	if (!read(CLOCK_REALTIME, &ns))
		return fallback(SYS_gettimeofday, (long)tv, (long)tz);
	if (tv) {
		tv->tv_sec = ns / 1000000000;
		tv->tv_usec = ns % 1000000000 / 1000;
	}
	if (tz)
		tz->tz_minuteswest = tz->tz_dsttime = 0;
	return 0;
}

#if defined(__x86_64__)
time_t vdso_time(time_t *t)
{
	int64_t ns;

	if (!read(CLOCK_REALTIME, &ns))
		return fallback(SYS_time, (long)t, 0);
	if (t)
		*t = ns / 1000000000;
	return ns / 1000000000;
}

/* Linux's names and version on x86-64 (vdso.lds.S). */
int __vdso_clock_gettime(clockid_t, struct timespec *)
	__attribute__((alias("vdso_clock_gettime")));
int __vdso_gettimeofday(struct timeval *, struct timezone *)
	__attribute__((alias("vdso_gettimeofday")));
time_t __vdso_time(time_t *) __attribute__((alias("vdso_time")));
#elif defined(__aarch64__)
/* ... and on arm64 (vdso.lds.S: __kernel_*, LINUX_2.6.39). */
int __kernel_clock_gettime(clockid_t, struct timespec *)
	__attribute__((alias("vdso_clock_gettime")));
int __kernel_gettimeofday(struct timeval *, struct timezone *)
	__attribute__((alias("vdso_gettimeofday")));
#endif

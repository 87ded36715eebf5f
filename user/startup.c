/* startup: what a static libc program relies on from the kernel at start:
 * auxv, TLS (arch_prctl / TPIDR_EL0), brk and mmap heaps, rseq's cpu_id,
 * clocks that run and tell the date, the vDSO, a working directory. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* The arm64 cross headers of Debian 12 predate the rseq auxv entries. */
#ifndef AT_RSEQ_ALIGN
#define AT_RSEQ_ALIGN 28
#endif

static __thread int tls_counter = 7;

int main(int argc, char **argv, char **envp)
{
	/* Arguments and environment arrive as Linux lays them out. */
	CHECK(argc == 3);
	CHECK(argc == 3 && strcmp(argv[1], "one") == 0);
	CHECK(argc == 3 && strcmp(argv[2], "two") == 0);
	CHECK(envp[0] != NULL);

	/* Auxiliary vector. */
	CHECK(getauxval(AT_PAGESZ) == 4096);
	CHECK(getauxval(AT_PHDR) != 0);
	CHECK(getauxval(AT_ENTRY) != 0);
	CHECK(getauxval(AT_RANDOM) != 0);
	CHECK(getauxval(AT_CLKTCK) == 100);
	CHECK(getauxval(AT_EXECFN) != 0);
	CHECK(getauxval(AT_RSEQ_ALIGN) == 32);

	/* Thread-local storage through the thread pointer. */
	CHECK(tls_counter == 7);
	tls_counter++;
	CHECK(tls_counter == 8);

	/* Heap: small from brk, large from mmap. */
	char *small = malloc(100);
	char *large = malloc(4 << 20);
	CHECK(small != NULL && large != NULL);
	if (small && large) {
		memset(small, 1, 100);
		memset(large, 2, 4 << 20);
		CHECK(large[(4 << 20) - 1] == 2);
	}
	free(large);
	free(small);

	void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK(p != MAP_FAILED && ((char *)p)[4096] == 0);
	CHECK(munmap(p, 8192) == 0);

	/* Identity. */
	CHECK(getpid() > 0);
	CHECK(syscall(SYS_gettid) == getpid());

	/* sched_getcpu reads cpu_id from the rseq area glibc registered;
	 * it must agree with the getcpu syscall. */
	unsigned cpu = 99, node = 99;
	CHECK(syscall(SYS_getcpu, &cpu, &node, NULL) == 0);
	CHECK(sched_getcpu() == (int)cpu);
	CHECK(node == 0);

	/* glibc registered its rseq area at start-up (Debian's 2.36 then
	 * sets __rseq_size to the original feature size, 20), and the
	 * kernel filled in the IDs before returning to user mode. */
	CHECK(__rseq_size >= 20);
	if (__rseq_size >= 20) {
		struct rseq *rs = (struct rseq *)((char *)
			__builtin_thread_pointer() + __rseq_offset);
		CHECK(rs->cpu_id == cpu);
		CHECK(rs->cpu_id_start == cpu);
	}

	/* Time moves forward. */
	struct timespec a, b;
	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	struct timespec d = {0, 1000000};
	CHECK(nanosleep(&d, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	CHECK(b.tv_sec > a.tv_sec || b.tv_nsec > a.tv_nsec);

	/* The wall clock is the date: the board's RTC set it at boot, and
	 * QEMU starts its RTC at the host's time. time(2) is a syscall on
	 * amd64 and glibc's gettimeofday on arm64, both CLOCK_REALTIME. */
	struct timespec now;
	CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0);
	CHECK(now.tv_sec >= 1704067200); /* 2024-01-01 */
	time_t t = time(NULL);
	CHECK(t >= now.tv_sec && t <= now.tv_sec + 5);

	/* The working directory is the root, the only directory (as it is
	 * init's on Linux). */
	char cwd[16];
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd && cwd[0] == '/' && !cwd[1]);

	/* The vDSO: an ELF image at AT_SYSINFO_EHDR, whose clocks glibc
	 * calls without a syscall; they read the same clocks as the
	 * syscalls, so each falls between two syscall readings. */
	const unsigned char *vdso =
		(const unsigned char *)getauxval(AT_SYSINFO_EHDR);
	CHECK(vdso && vdso[0] == 0x7f && vdso[1] == 'E' && vdso[2] == 'L');
	clockid_t ids[] = {CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME};
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct timespec s1, v, s2;
		CHECK(syscall(SYS_clock_gettime, ids[i], &s1) == 0);
		CHECK(clock_gettime(ids[i], &v) == 0);
		CHECK(syscall(SYS_clock_gettime, ids[i], &s2) == 0);
		int64_t n1 = s1.tv_sec * 1000000000LL + s1.tv_nsec;
		int64_t nv = v.tv_sec * 1000000000LL + v.tv_nsec;
		int64_t n2 = s2.tv_sec * 1000000000LL + s2.tv_nsec;
		CHECK(n1 <= nv && nv <= n2);
	}
	struct timeval tv;
	CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec >= now.tv_sec);

	/* sysinfo: the RAM user pages come from, the tasks, an uptime;
	 * getgroups: no supplementary groups. */
	struct sysinfo si;
	CHECK(sysinfo(&si) == 0);
	CHECK(si.totalram > 0 && si.freeram > 0 && si.freeram < si.totalram);
	CHECK(si.mem_unit == 1 && si.procs >= 1);
	CHECK(getgroups(0, NULL) == 0);

	return check_done("startup");
}

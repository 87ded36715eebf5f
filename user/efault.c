/* efault: bad pointers from user mode get -EFAULT (or Linux's other answer)
 * and never hurt the kernel. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#if defined(__x86_64__)
#define KERNEL_ADDR ((void *)0x10010000UL)
#else
#define KERNEL_ADDR ((void *)0x40010000UL)
#endif

int main(void)
{
	/* Unmapped, kernel and non-canonical pointers. */
	void *bad[] = {(void *)8, KERNEL_ADDR, (void *)0x8000000000000000UL,
		       (void *)-4096L};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_ERR(write(1, bad[i], 16), EFAULT);
		CHECK_ERR(syscall(SYS_uname, bad[i]), EFAULT);
		CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad[i]),
			  EFAULT);
		CHECK_ERR(syscall(SYS_getrandom, bad[i], 16, 0), EFAULT);
		CHECK_ERR(syscall(SYS_set_robust_list, NULL, 1), EINVAL);
	}

	/* A buffer that runs into an unmapped page. */
	struct iovec iov = {.iov_base = (void *)8, .iov_len = 4};
	CHECK_ERR(writev(1, &iov, 1), EFAULT);
	CHECK_ERR(writev(1, bad[1], 1), EFAULT);

	/* Small copies go through the MMU (kernel/mm/uaccess.go); a fault
	 * there must end as the software path would: a read-only page, a
	 * PROT_NONE page and a copy running off its mapping are EFAULT, a
	 * page never touched is faulted in (written) or reads as zeros. */
	static const struct timespec ro = {1, 2};
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ro), EFAULT);
	CHECK(ro.tv_sec == 1 && ro.tv_nsec == 2);

	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	CHECK(munmap(m + 2 * pg, pg) == 0);
	CHECK(mprotect(m + pg, pg, PROT_NONE) == 0);

	struct timespec *fresh = (struct timespec *)m;
	CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, fresh) == 0);
	CHECK(fresh->tv_sec != 0 || fresh->tv_nsec != 0);
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, m + pg), EFAULT);
	CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, m + pg - 8),
		  EFAULT);

	CHECK(mprotect(m + pg, pg, PROT_READ | PROT_WRITE) == 0);
	sigset_t old;
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, m + pg + 64, &old, 8) ==
	      0);
	CHECK(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8) == 0);
	CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, m + 2 * pg - 4, NULL,
			  8), EFAULT);

	/* Linux's other errnos for bad arguments. */
	CHECK_ERR(write(99, "x", 1), EBADF);
	CHECK_ERR(syscall(SYS_clock_gettime, 999, NULL), EINVAL);
	CHECK_ERR(syscall(99999), ENOSYS);

	/* The kernel still works after all of that. */
	CHECK(write(1, "", 0) == 0);
	struct utsname u;
	CHECK(uname(&u) == 0);

	return check_done("efault");
}

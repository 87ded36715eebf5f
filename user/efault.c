/* efault: bad pointers from user mode get -EFAULT (or Linux's other answer)
 * and never hurt the kernel. */
#define _GNU_SOURCE
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

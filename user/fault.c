/* fault: dies the way its argument says. The kernel must report the fault
 * in one line and end only this task with Linux's signal. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* An address the kernel keeps mapped, supervisor-only, on every
 * architecture ringside runs on (its own image or RAM). */
#if defined(__x86_64__)
#define KERNEL_ADDR 0x10010000UL
#else
#define KERNEL_ADDR 0x40010000UL
#endif

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "kread";
	volatile int zero = 0, one = 1;

	fflush(stdout);
	if (strcmp(how, "kread") == 0)
		return *(volatile int *)KERNEL_ADDR;
	if (strcmp(how, "kwrite") == 0)
		*(volatile int *)KERNEL_ADDR = 1;
	if (strcmp(how, "null") == 0)
		return *(volatile int *)0;
	if (strcmp(how, "noncanonical") == 0)
		return *(volatile int *)0x8000000000000000UL;
	if (strcmp(how, "jump") == 0)
		((void (*)(void))0x12345000)();
	if (strcmp(how, "ill") == 0) {
#if defined(__x86_64__)
		__asm__ volatile("ud2");
#else
		__asm__ volatile("udf #0");
#endif
	}
#if defined(__x86_64__)
	if (strcmp(how, "div0") == 0)
		return one / zero;
	if (strcmp(how, "int3") == 0)
		__asm__ volatile("int3");
#else
	if (strcmp(how, "brk") == 0)
		__asm__ volatile("brk #0");
#endif
	if (strcmp(how, "stack") == 0) {
		/* Unbounded recursion: runs off the stack mapping. */
		volatile char buf[4096];
		buf[0] = 0;
		return main(argc, argv) + buf[0];
	}
	printf("fault: unknown mode %s\n", how);
	return 2;
}

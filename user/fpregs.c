/* fpregs MODE [SEED]: a task's FP/SIMD registers and FP control and status
 * registers survive every way into the kernel and back, whatever the
 * kernel's own code does with them (it is Go, which uses them).
 *
 *   fpregs syscall SEED   100000 null syscalls with every register loaded
 *   fpregs spin SEED      holds the registers through 40 ms of computing,
 *                         ten times: run two at once, so that each is
 *                         preempted by a task with other values
 *   fpregs signal SEED    a SIGUSR1 handler finds the interrupted values
 *                         in its frame, clobbers the registers, edits the
 *                         frame's first register and control word;
 *                         rt_sigreturn must restore the frame's values
 *   fpregs fork SEED      the child of a raw fork starts with the
 *                         parent's values, and the parent keeps them
 *
 * The registers are XMM0-15 and MXCSR on x86-64, V0-V31, FPCR and FPSR on
 * aarch64. Each mode prints "fpregs MODE: ok". */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#if defined(__x86_64__)
#define NVREG 16
/* Round toward zero, every exception masked, IE and PE raised. */
#define CTL_VALUE 0x7fa1u
#define CTL_EDITED 0x5fa0u
#define STATUS_VALUE 0u
#elif defined(__aarch64__)
#define NVREG 32
/* Round toward zero, flush to zero, default NaN. */
#define CTL_VALUE 0x03c00000u
#define CTL_EDITED 0x00400000u
/* IOC..IXC and QC raised. */
#define STATUS_VALUE 0x0800001fu
#else
#error "fpregs: unknown architecture"
#endif

/* fpimage is what the assembly below loads and stores. */
struct fpimage {
	unsigned char v[NVREG][16];
	uint32_t ctl;    /* MXCSR, or FPCR */
	uint32_t status; /* FPSR; 0 on x86-64, where MXCSR holds the flags */
};

/* long fp_syscall(const struct fpimage *in, struct fpimage *out, long nr,
 *                 long a0, long a1, long a2, long n)
 *   loads every register of in, makes syscall nr(a0, a1, a2, 0, 0) n
 *   times (n >= 1) with nothing in between, stores every register into
 *   out, resets the control and status registers to their defaults and
 *   returns the last syscall's result. No compiled code runs between the
 *   load and the store, so any difference is the kernel's.
 *
 * void fp_spin(const struct fpimage *in, struct fpimage *out, long n)
 *   the same with a loop of n passes and no syscall.
 *
 * void fp_clobber(unsigned char byte)
 *   fills every register with byte and sets a control value of its own. */
#if defined(__x86_64__)
#define XMM_LOAD(base)                                                     \
	"movdqu 0x00" base ",%xmm0\nmovdqu 0x10" base ",%xmm1\n"           \
	"movdqu 0x20" base ",%xmm2\nmovdqu 0x30" base ",%xmm3\n"           \
	"movdqu 0x40" base ",%xmm4\nmovdqu 0x50" base ",%xmm5\n"           \
	"movdqu 0x60" base ",%xmm6\nmovdqu 0x70" base ",%xmm7\n"           \
	"movdqu 0x80" base ",%xmm8\nmovdqu 0x90" base ",%xmm9\n"           \
	"movdqu 0xa0" base ",%xmm10\nmovdqu 0xb0" base ",%xmm11\n"         \
	"movdqu 0xc0" base ",%xmm12\nmovdqu 0xd0" base ",%xmm13\n"         \
	"movdqu 0xe0" base ",%xmm14\nmovdqu 0xf0" base ",%xmm15\n"
#define XMM_STORE(base)                                                    \
	"movdqu %xmm0,0x00" base "\nmovdqu %xmm1,0x10" base "\n"           \
	"movdqu %xmm2,0x20" base "\nmovdqu %xmm3,0x30" base "\n"           \
	"movdqu %xmm4,0x40" base "\nmovdqu %xmm5,0x50" base "\n"           \
	"movdqu %xmm6,0x60" base "\nmovdqu %xmm7,0x70" base "\n"           \
	"movdqu %xmm8,0x80" base "\nmovdqu %xmm9,0x90" base "\n"           \
	"movdqu %xmm10,0xa0" base "\nmovdqu %xmm11,0xb0" base "\n"         \
	"movdqu %xmm12,0xc0" base "\nmovdqu %xmm13,0xd0" base "\n"         \
	"movdqu %xmm14,0xe0" base "\nmovdqu %xmm15,0xf0" base "\n"
__asm__(
	"	.text\n"
	"	.globl fp_syscall\n"
	"fp_syscall:\n"
	"	pushq %rbx\n	pushq %rbp\n	pushq %r12\n"
	"	pushq %r13\n	pushq %r14\n	pushq %r15\n"
	"	movq 56(%rsp), %r12\n"
	"	movq %rsi, %r13\n	movq %rdx, %r14\n	movq %rcx, %r15\n"
	"	movq %r8, %rbx\n	movq %r9, %rbp\n"
	"	ldmxcsr 256(%rdi)\n"
	XMM_LOAD("(%rdi)")
	"1:	movq %r14, %rax\n	movq %r15, %rdi\n"
	"	movq %rbx, %rsi\n	movq %rbp, %rdx\n"
	"	xorl %r10d, %r10d\n	xorl %r8d, %r8d\n"
	"	syscall\n"
	"	decq %r12\n	jnz 1b\n"
	XMM_STORE("(%r13)")
	"	stmxcsr 256(%r13)\n"
	"	movl $0, 260(%r13)\n"
	"	pushq $0x1f80\n	ldmxcsr (%rsp)\n	addq $8, %rsp\n"
	"	popq %r15\n	popq %r14\n	popq %r13\n"
	"	popq %r12\n	popq %rbp\n	popq %rbx\n"
	"	ret\n"
	"	.globl fp_spin\n"
	"fp_spin:\n"
	"	ldmxcsr 256(%rdi)\n"
	XMM_LOAD("(%rdi)")
	"1:	decq %rdx\n	jnz 1b\n"
	XMM_STORE("(%rsi)")
	"	stmxcsr 256(%rsi)\n"
	"	movl $0, 260(%rsi)\n"
	"	pushq $0x1f80\n	ldmxcsr (%rsp)\n	addq $8, %rsp\n"
	"	ret\n"
	"	.globl fp_clobber\n"
	"fp_clobber:\n"
	"	movd %edi, %xmm0\n	punpcklbw %xmm0, %xmm0\n"
	"	pshuflw $0, %xmm0, %xmm0\n	punpcklqdq %xmm0, %xmm0\n"
	"	movdqa %xmm0, %xmm1\n	movdqa %xmm0, %xmm2\n"
	"	movdqa %xmm0, %xmm3\n	movdqa %xmm0, %xmm4\n"
	"	movdqa %xmm0, %xmm5\n	movdqa %xmm0, %xmm6\n"
	"	movdqa %xmm0, %xmm7\n	movdqa %xmm0, %xmm8\n"
	"	movdqa %xmm0, %xmm9\n	movdqa %xmm0, %xmm10\n"
	"	movdqa %xmm0, %xmm11\n	movdqa %xmm0, %xmm12\n"
	"	movdqa %xmm0, %xmm13\n	movdqa %xmm0, %xmm14\n"
	"	movdqa %xmm0, %xmm15\n"
	"	pushq $0x3f80\n	ldmxcsr (%rsp)\n	addq $8, %rsp\n"
	"	ret\n");
#elif defined(__aarch64__)
/* d8-d15 are callee-saved (AAPCS64): the functions keep them. */
#define V_ALL(op, base)                                                    \
	op " {v0.16b, v1.16b, v2.16b, v3.16b}, [" base "], #64\n"          \
	op " {v4.16b, v5.16b, v6.16b, v7.16b}, [" base "], #64\n"          \
	op " {v8.16b, v9.16b, v10.16b, v11.16b}, [" base "], #64\n"        \
	op " {v12.16b, v13.16b, v14.16b, v15.16b}, [" base "], #64\n"      \
	op " {v16.16b, v17.16b, v18.16b, v19.16b}, [" base "], #64\n"      \
	op " {v20.16b, v21.16b, v22.16b, v23.16b}, [" base "], #64\n"      \
	op " {v24.16b, v25.16b, v26.16b, v27.16b}, [" base "], #64\n"      \
	op " {v28.16b, v29.16b, v30.16b, v31.16b}, [" base "], #64\n"
#define D8_SAVE                                                            \
	"	stp d8, d9, [sp, #-64]!\n	stp d10, d11, [sp, #16]\n"      \
	"	stp d12, d13, [sp, #32]\n	stp d14, d15, [sp, #48]\n"
#define D8_RESTORE                                                         \
	"	ldp d10, d11, [sp, #16]\n	ldp d12, d13, [sp, #32]\n"      \
	"	ldp d14, d15, [sp, #48]\n	ldp d8, d9, [sp], #64\n"
/* LOAD_IMAGE: x9 = image; STORE_IMAGE: x9 = image, x10 scratch. */
#define LOAD_IMAGE                                                         \
	"	ldr w10, [x9, #512]\n	msr fpcr, x10\n"                      \
	"	ldr w10, [x9, #516]\n	msr fpsr, x10\n"                      \
	V_ALL("ld1", "x9")
#define STORE_IMAGE                                                        \
	"	mov x11, x9\n"                                                \
	V_ALL("st1", "x11")                                                \
	"	mrs x10, fpcr\n	str w10, [x9, #512]\n"                        \
	"	mrs x10, fpsr\n	str w10, [x9, #516]\n"                        \
	"	msr fpcr, xzr\n	msr fpsr, xzr\n"
__asm__(
	"	.text\n"
	"	.globl fp_syscall\n"
	"fp_syscall:\n"
	"	stp x19, x20, [sp, #-48]!\n"
	"	stp x21, x22, [sp, #16]\n	stp x23, x24, [sp, #32]\n"
	D8_SAVE
	"	mov x19, x1\n	mov x20, x2\n	mov x21, x3\n"
	"	mov x22, x4\n	mov x23, x5\n	mov x24, x6\n"
	"	mov x9, x0\n"
	LOAD_IMAGE
	"1:	mov x8, x20\n	mov x0, x21\n	mov x1, x22\n"
	"	mov x2, x23\n	mov x3, #0\n	mov x4, #0\n"
	"	svc #0\n"
	"	subs x24, x24, #1\n	b.ne 1b\n"
	"	mov x9, x19\n"
	STORE_IMAGE
	D8_RESTORE
	"	ldp x21, x22, [sp, #16]\n	ldp x23, x24, [sp, #32]\n"
	"	ldp x19, x20, [sp], #48\n"
	"	ret\n"
	"	.globl fp_spin\n"
	"fp_spin:\n"
	D8_SAVE
	"	mov x9, x0\n"
	LOAD_IMAGE
	"1:	subs x2, x2, #1\n	b.ne 1b\n"
	"	mov x9, x1\n"
	STORE_IMAGE
	D8_RESTORE
	"	ret\n"
	"	.globl fp_clobber\n"
	"fp_clobber:\n"
	D8_SAVE
	"	dup v0.16b, w0\n"
	"	mov v1.16b, v0.16b\n	mov v2.16b, v0.16b\n	mov v3.16b, v0.16b\n"
	"	mov v4.16b, v0.16b\n	mov v5.16b, v0.16b\n	mov v6.16b, v0.16b\n"
	"	mov v7.16b, v0.16b\n	mov v8.16b, v0.16b\n	mov v9.16b, v0.16b\n"
	"	mov v10.16b, v0.16b\n	mov v11.16b, v0.16b\n"
	"	mov v12.16b, v0.16b\n	mov v13.16b, v0.16b\n"
	"	mov v14.16b, v0.16b\n	mov v15.16b, v0.16b\n"
	"	mov v16.16b, v0.16b\n	mov v17.16b, v0.16b\n"
	"	mov v18.16b, v0.16b\n	mov v19.16b, v0.16b\n"
	"	mov v20.16b, v0.16b\n	mov v21.16b, v0.16b\n"
	"	mov v22.16b, v0.16b\n	mov v23.16b, v0.16b\n"
	"	mov v24.16b, v0.16b\n	mov v25.16b, v0.16b\n"
	"	mov v26.16b, v0.16b\n	mov v27.16b, v0.16b\n"
	"	mov v28.16b, v0.16b\n	mov v29.16b, v0.16b\n"
	"	mov v30.16b, v0.16b\n	mov v31.16b, v0.16b\n"
	"	mov x10, #0x00800000\n	msr fpcr, x10\n"
	D8_RESTORE
	"	ret\n");
#endif

long fp_syscall(const struct fpimage *in, struct fpimage *out, long nr,
		long a0, long a1, long a2, long n);
void fp_spin(const struct fpimage *in, struct fpimage *out, long n);
void fp_clobber(unsigned char byte);

/* fill gives every byte of every register a value of its own for seed. */
static void fill(struct fpimage *im, int seed)
{
	for (int r = 0; r < NVREG; r++)
		for (int i = 0; i < 16; i++)
			im->v[r][i] = (unsigned char)(seed * 59 + r * 16 + i + 1);
	im->ctl = CTL_VALUE;
	im->status = STATUS_VALUE;
}

/* same reports the first difference between want and got. */
static int same(const char *what, const struct fpimage *want,
		const struct fpimage *got)
{
	for (int r = 0; r < NVREG; r++)
		if (memcmp(want->v[r], got->v[r], 16) != 0) {
			printf("fpregs %s: register %d: byte 0 is %#x, want "
			       "%#x\n", what, r, got->v[r][0], want->v[r][0]);
			return 0;
		}
	if (want->ctl != got->ctl || want->status != got->status) {
		printf("fpregs %s: control %#x status %#x, want %#x %#x\n",
		       what, got->ctl, got->status, want->ctl, want->status);
		return 0;
	}
	return 1;
}

static int mode_syscall(int seed)
{
	struct fpimage in, out;

	fill(&in, seed);
	CHECK(fp_syscall(&in, &out, SYS_getpid, 0, 0, 0, 100000) == getpid());
	CHECK(same("syscall", &in, &out));
	return check_done("fpregs syscall");
}

/* A pass of fp_spin's loop is 2 instructions: 20 M passes are 40 ms of
 * virtual time under -icount shift=0, ten ticks. */
static int mode_spin(int seed)
{
	struct fpimage in, out;

	for (int round = 0; round < 10; round++) {
		fill(&in, seed * 10 + round);
		fp_spin(&in, &out, 20000000);
		CHECK(same("spin", &in, &out));
	}
	return check_done("fpregs spin");
}

/* The frame's view of the interrupted FP registers: the FXSAVE image on
 * x86-64, the fpsimd_context record first in __reserved on aarch64. */
#if defined(__x86_64__)
static unsigned char *frame_vreg(ucontext_t *uc, int r)
{
	return (unsigned char *)&uc->uc_mcontext.fpregs->_xmm[r];
}
static uint32_t *frame_ctl(ucontext_t *uc)
{
	return &uc->uc_mcontext.fpregs->mxcsr;
}
static uint32_t frame_status(ucontext_t *uc) { (void)uc; return 0; }
#elif defined(__aarch64__)
#define FPSIMD_MAGIC_WORD 0x46508001u
static unsigned char *fpsimd_record(ucontext_t *uc)
{
	unsigned char *rec = (unsigned char *)uc->uc_mcontext.__reserved;

	return *(uint32_t *)rec == FPSIMD_MAGIC_WORD ? rec : NULL;
}
static unsigned char *frame_vreg(ucontext_t *uc, int r)
{
	return fpsimd_record(uc) + 16 + 16 * r;
}
static uint32_t *frame_ctl(ucontext_t *uc)
{
	return (uint32_t *)(fpsimd_record(uc) + 12);
}
static uint32_t frame_status(ucontext_t *uc)
{
	return *(uint32_t *)(fpsimd_record(uc) + 8);
}
#endif

static struct fpimage signal_want;
static volatile int frame_ok, handled;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int ok = 1;

	(void)sig;
	(void)si;
#if defined(__aarch64__)
	if (fpsimd_record(uc) == NULL) {
		frame_ok = 0;
		handled++;
		return;
	}
#endif
	for (int r = 0; r < NVREG; r++)
		ok &= memcmp(frame_vreg(uc, r), signal_want.v[r], 16) == 0;
	ok &= *frame_ctl(uc) == signal_want.ctl;
	ok &= frame_status(uc) == signal_want.status;
	frame_ok = ok;

	fp_clobber(0xa5);
	memset(frame_vreg(uc, 0), 0x5a, 16);
	*frame_ctl(uc) = CTL_EDITED;
	handled++;
}

static int mode_signal(int seed)
{
	struct sigaction sa = {.sa_sigaction = on_usr1,
			       .sa_flags = SA_SIGINFO};
	struct fpimage out, want;

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	fill(&signal_want, seed);
	fp_syscall(&signal_want, &out, SYS_tgkill, getpid(), gettid(),
		   SIGUSR1, 1);
	CHECK(handled == 1);
	CHECK(frame_ok);

	want = signal_want;
	memset(want.v[0], 0x5a, 16);
	want.ctl = CTL_EDITED;
	CHECK(same("signal", &want, &out));
	return check_done("fpregs signal");
}

/* A raw fork (clone with SIGCHLD and nothing else on both architectures),
 * so that no library code runs between the load and the store. */
static int mode_fork(int seed)
{
	struct fpimage in, out;
	int status;

	fill(&in, seed);
	long pid = fp_syscall(&in, &out, SYS_clone, SIGCHLD, 0, 0, 1);
	if (pid == 0)
		_exit(same("fork child", &in, &out) ? 0 : 1);
	CHECK(pid > 0);
	CHECK(same("fork parent", &in, &out));
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return check_done("fpregs fork");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "syscall";
	int seed = argc > 2 ? atoi(argv[2]) : 1;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(mode, "syscall") == 0)
		return mode_syscall(seed);
	if (strcmp(mode, "spin") == 0)
		return mode_spin(seed);
	if (strcmp(mode, "signal") == 0)
		return mode_signal(seed);
	if (strcmp(mode, "fork") == 0)
		return mode_fork(seed);
	printf("fpregs: unknown mode %s\n", mode);
	return 2;
}

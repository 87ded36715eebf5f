/* rseq MODE: restartable sequences as Linux defines them (rseq(2),
 * include/uapi/linux/rseq.h), one behaviour per mode:
 *
 *   errno          the registration errno table, case by case
 *   unregister     the IDs an unregistration leaves, and that the kernel
 *                  stops writing the area
 *   counter        a per-CPU counter under preemption (run two at once)
 *   alone          timer ticks with no other task do not abort a section
 *   segv-CASE      a malformed rseq_cs kills the task with SIGSEGV (run
 *                  with a companion, see segv below)
 *   companion      the other task of a segv case
 *   signal-abort   a signal inside a section resumes at abort_ip
 *   slice-prctl    time slice extension: prctl's errno table, the area's
 *                  flags, SLICE_EXT_DEFAULT_ON, AT_RSEQ_FEATURE_SIZE
 *   slice          time slice extension granted instead of a reschedule,
 *                  ended by rseq_slice_yield, by another syscall or by
 *                  the slice timer well before the next tick (run two
 *                  at once)
 *
 * Each mode prints "rseq MODE: ok" or a line saying what is wrong and
 * exits 1; a segv case instead dies of SIGSEGV. Tasks are separate
 * address spaces (ringside has no threads or fork yet): every task has its
 * own area, its own critical sections and its own counters. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

/* struct rseq and struct rseq_cs, spelled out so that the offsets are the
 * ones of the ABI whatever the installed headers hold. */
struct rs_area {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
	uint64_t rseq_cs;
	uint32_t flags;
	uint32_t node_id;
	uint32_t mm_cid;
	uint32_t slice_ctrl;
} __attribute__((aligned(32)));

struct rs_desc {
	uint32_t version;
	uint32_t flags;
	uint64_t start_ip;
	uint64_t post_commit_offset;
	uint64_t abort_ip;
} __attribute__((aligned(32)));

#define RS_FLAG_UNREGISTER 1
#define RS_CPU_ID_UNINITIALIZED 0xffffffffu
#define RS_LEN 32

/* Time slice extension (Linux 7.0), newer than the installed headers:
 * include/uapi/linux/prctl.h, rseq.h, and __NR_rseq_slice_yield, 471 on
 * x86-64 and in the generic table arm64 uses. */
#define RS_PR_SLICE 79
#define RS_PR_SLICE_GET 1
#define RS_PR_SLICE_SET 2
#define RS_PR_SLICE_ENABLE 1
#define RS_FLAG_SLICE_DEFAULT_ON 2
#define RS_CS_SLICE_AVAILABLE 0x10
#define RS_CS_SLICE_ENABLED 0x20
#define RS_NR_SLICE_YIELD 471
#ifndef AT_RSEQ_FEATURE_SIZE
#define AT_RSEQ_FEATURE_SIZE 27
#endif

/* An address no user space reaches on either architecture: start_ip,
 * ends and abort_ip at or above it are outside user space. */
#define BEYOND_USER (1ULL << 56)

/* A kernel page the kernel keeps mapped below TASK_SIZE (fault.c). */
#if defined(__x86_64__)
#define KERNEL_PAGE 0x10010000UL
#define KERNEL_HALF 0xffff800000000000UL
#else
#define KERNEL_PAGE 0x40010000UL
#define KERNEL_HALF 0xffff000000000000UL
#endif

/* The critical sections, in assembly: a C compiler may move code across
 * any boundary it is not told about. Each section stores its descriptor's
 * address into rseq_cs before start_ip, commits with its last store at
 * the post-commit address, and has the signature word right before its
 * abort_ip (x86: the imm32 of ud1 0f b9 3d; arm64: brk #0x45e0).
 *
 * int rs_spin(struct rs_area *rs, const struct rs_desc *cs, uint64_t n)
 *   installs cs and counts n down inside [rs_spin_start, rs_spin_end):
 *   0 when done, 1 from rs_spin_abort, 2 from rs_spin_abort_badsig (the
 *   same code behind a wrong signature). The caller builds cs, good or
 *   bad.
 * int rs_addv(struct rs_area *rs, int64_t *counters, uint32_t cpu,
 *             uint64_t spin)
 *   counters[cpu]++ in a section, after checking cpu_id == cpu and
 *   spinning spin (>= 1) times: 0 committed, 1 aborted, 2 cpu changed.
 * int rs_wait(struct rs_area *rs, volatile int *flag, uint64_t budget)
 *   spins inside a section until *flag is set: 0 flag seen inside the
 *   section (a handler returned into it), 1 aborted, 2 budget spent.
 * int rs_grant_wait(struct rs_area *rs, uint64_t budget)
 *   spins inside a section until the kernel sets slice_ctrl.granted
 *   (byte 29 of the area): 0 granted, 1 aborted, 2 budget spent. */
#if defined(__x86_64__)
#define RS_SIG 0x53053053u
__asm__(
	"	.text\n"
	"	.globl rs_spin, rs_spin_start, rs_spin_end\n"
	"	.globl rs_spin_abort, rs_spin_abort_badsig\n"
	"	.type rs_spin, @function\n"
	"rs_spin:\n"
	"	movq %rsi, 8(%rdi)\n"
	"rs_spin_start:\n"
	"	decq %rdx\n"
	"	jnz rs_spin_start\n"
	"rs_spin_end:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x53053053\n"
	"rs_spin_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x5305305f\n"
	"rs_spin_abort_badsig:\n"
	"	movl $2, %eax\n"
	"	ret\n"
	"	.size rs_spin, . - rs_spin\n"
	"\n"
	"	.globl rs_addv\n"
	"	.type rs_addv, @function\n"
	"rs_addv:\n"
	"	leaq rs_addv_cs(%rip), %rax\n"
	"	movq %rax, 8(%rdi)\n"
	"rs_addv_start:\n"
	"	cmpl 4(%rdi), %edx\n"
	"	jne rs_addv_moved\n"
	"1:	decq %rcx\n"
	"	jnz 1b\n"
	"	movl %edx, %eax\n"
	"	movq (%rsi,%rax,8), %r8\n"
	"	incq %r8\n"
	"	movq %r8, (%rsi,%rax,8)\n"
	"rs_addv_post:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"rs_addv_moved:\n"
	"	movl $2, %eax\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x53053053\n"
	"rs_addv_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	"	.size rs_addv, . - rs_addv\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_addv_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_addv_start, rs_addv_post - rs_addv_start\n"
	"	.quad rs_addv_abort\n"
	"	.popsection\n"
	"\n"
	"	.globl rs_wait, rs_wait_start, rs_wait_post, rs_wait_abort\n"
	"	.type rs_wait, @function\n"
	"rs_wait:\n"
	"	leaq rs_wait_cs(%rip), %rax\n"
	"	movq %rax, 8(%rdi)\n"
	"rs_wait_start:\n"
	"	cmpl $0, (%rsi)\n"
	"	jne rs_wait_post\n"
	"	decq %rdx\n"
	"	jnz rs_wait_start\n"
	"	movl $2, %eax\n"
	"	ret\n"
	"rs_wait_post:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x53053053\n"
	"rs_wait_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	"	.size rs_wait, . - rs_wait\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_wait_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_wait_start, rs_wait_post - rs_wait_start\n"
	"	.quad rs_wait_abort\n"
	"	.popsection\n"
	"\n"
	"	.globl rs_grant_wait\n"
	"	.type rs_grant_wait, @function\n"
	"rs_grant_wait:\n"
	"	leaq rs_grant_cs(%rip), %rax\n"
	"	movq %rax, 8(%rdi)\n"
	"rs_grant_start:\n"
	"	cmpb $0, 29(%rdi)\n"
	"	jne rs_grant_post\n"
	"	decq %rsi\n"
	"	jnz rs_grant_start\n"
	"	movl $2, %eax\n"
	"	ret\n"
	"rs_grant_post:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"	.byte 0x0f, 0xb9, 0x3d\n"
	"	.long 0x53053053\n"
	"rs_grant_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	"	.size rs_grant_wait, . - rs_grant_wait\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_grant_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_grant_start, rs_grant_post - rs_grant_start\n"
	"	.quad rs_grant_abort\n"
	"	.popsection\n");
#elif defined(__aarch64__)
#define RS_SIG 0xd428bc00u
__asm__(
	"	.text\n"
	"	.globl rs_spin, rs_spin_start, rs_spin_end\n"
	"	.globl rs_spin_abort, rs_spin_abort_badsig\n"
	"	.type rs_spin, %function\n"
	"rs_spin:\n"
	"	str x1, [x0, #8]\n"
	"rs_spin_start:\n"
	"	subs x2, x2, #1\n"
	"	b.ne rs_spin_start\n"
	"rs_spin_end:\n"
	"	mov w0, #0\n"
	"	ret\n"
	"	.inst 0xd428bc00\n"
	"rs_spin_abort:\n"
	"	mov w0, #1\n"
	"	ret\n"
	"	.inst 0xd428bc0f\n"
	"rs_spin_abort_badsig:\n"
	"	mov w0, #2\n"
	"	ret\n"
	"	.size rs_spin, . - rs_spin\n"
	"\n"
	"	.globl rs_addv\n"
	"	.type rs_addv, %function\n"
	"rs_addv:\n"
	"	adrp x4, rs_addv_cs\n"
	"	add x4, x4, :lo12:rs_addv_cs\n"
	"	str x4, [x0, #8]\n"
	"rs_addv_start:\n"
	"	ldr w4, [x0, #4]\n"
	"	cmp w4, w2\n"
	"	b.ne rs_addv_moved\n"
	"1:	subs x3, x3, #1\n"
	"	b.ne 1b\n"
	"	ldr x4, [x1, w2, uxtw #3]\n"
	"	add x4, x4, #1\n"
	"	str x4, [x1, w2, uxtw #3]\n"
	"rs_addv_post:\n"
	"	mov w0, #0\n"
	"	ret\n"
	"rs_addv_moved:\n"
	"	mov w0, #2\n"
	"	ret\n"
	"	.inst 0xd428bc00\n"
	"rs_addv_abort:\n"
	"	mov w0, #1\n"
	"	ret\n"
	"	.size rs_addv, . - rs_addv\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_addv_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_addv_start, rs_addv_post - rs_addv_start\n"
	"	.quad rs_addv_abort\n"
	"	.popsection\n"
	"\n"
	"	.globl rs_wait, rs_wait_start, rs_wait_post, rs_wait_abort\n"
	"	.type rs_wait, %function\n"
	"rs_wait:\n"
	"	adrp x3, rs_wait_cs\n"
	"	add x3, x3, :lo12:rs_wait_cs\n"
	"	str x3, [x0, #8]\n"
	"rs_wait_start:\n"
	"	ldr w3, [x1]\n"
	"	cbnz w3, rs_wait_post\n"
	"	subs x2, x2, #1\n"
	"	b.ne rs_wait_start\n"
	"	mov w0, #2\n"
	"	ret\n"
	"rs_wait_post:\n"
	"	mov w0, #0\n"
	"	ret\n"
	"	.inst 0xd428bc00\n"
	"rs_wait_abort:\n"
	"	mov w0, #1\n"
	"	ret\n"
	"	.size rs_wait, . - rs_wait\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_wait_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_wait_start, rs_wait_post - rs_wait_start\n"
	"	.quad rs_wait_abort\n"
	"	.popsection\n"
	"\n"
	"	.globl rs_grant_wait\n"
	"	.type rs_grant_wait, %function\n"
	"rs_grant_wait:\n"
	"	adrp x2, rs_grant_cs\n"
	"	add x2, x2, :lo12:rs_grant_cs\n"
	"	str x2, [x0, #8]\n"
	"rs_grant_start:\n"
	"	ldrb w2, [x0, #29]\n"
	"	cbnz w2, rs_grant_post\n"
	"	subs x1, x1, #1\n"
	"	b.ne rs_grant_start\n"
	"	mov w0, #2\n"
	"	ret\n"
	"rs_grant_post:\n"
	"	mov w0, #0\n"
	"	ret\n"
	"	.inst 0xd428bc00\n"
	"rs_grant_abort:\n"
	"	mov w0, #1\n"
	"	ret\n"
	"	.size rs_grant_wait, . - rs_grant_wait\n"
	"	.pushsection __rseq_cs, \"aw\"\n"
	"	.balign 32\n"
	"rs_grant_cs:\n"
	"	.long 0, 0\n"
	"	.quad rs_grant_start, rs_grant_post - rs_grant_start\n"
	"	.quad rs_grant_abort\n"
	"	.popsection\n");
#else
#error "rseq.c: no critical sections for this architecture"
#endif

int rs_spin(struct rs_area *rs, const void *cs, uint64_t n);
int rs_addv(struct rs_area *rs, int64_t *counters, uint32_t cpu,
	    uint64_t spin);
int rs_wait(struct rs_area *rs, volatile int *flag, uint64_t budget);
int rs_grant_wait(struct rs_area *rs, uint64_t budget);
extern const char rs_spin_start[], rs_spin_end[], rs_spin_abort[],
	rs_spin_abort_badsig[];
extern const char rs_wait_start[], rs_wait_post[], rs_wait_abort[];

/* RD reads a field the kernel writes behind the compiler's back. */
#define RD(x) (*(volatile __typeof__(x) *)&(x))

/* CHECK_EQ is CHECK for two integers, printing both in hex. */
#define CHECK_EQ(got, want)                                                \
	do {                                                               \
		unsigned long long g_ = (got), w_ = (want);                \
		if (g_ != w_) {                                            \
			printf("check failed: %s:%d: %s = %#llx, want "    \
			       "%#llx\n", __FILE__, __LINE__, #got, g_,    \
			       w_);                                        \
			check_failures++;                                  \
		}                                                          \
	} while (0)

static long sys_rseq(const void *area, uint32_t len, int flags, uint32_t sig)
{
	return syscall(SYS_rseq, area, len, flags, sig);
}

static uint32_t getcpu_sys(void)
{
	unsigned cpu = ~0u;

	if (syscall(SYS_getcpu, &cpu, NULL, NULL) != 0)
		return ~0u;
	return cpu;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* glibc_area is the area glibc registered at start-up (thread pointer +
 * __rseq_offset), NULL if it registered none. glibc registers its 32-byte
 * area with length 32 and sig RSEQ_SIG, whatever __rseq_size says (20 on
 * Debian's 2.36: the feature size, not the registered length). */
static struct rs_area *glibc_area(void)
{
	if (__rseq_size == 0)
		return NULL;
	return (struct rs_area *)((char *)__builtin_thread_pointer() +
				  __rseq_offset);
}

/* registered_area is glibc's area, checked to be registered and up to
 * date, or NULL with the reason printed. */
static struct rs_area *registered_area(const char *mode)
{
	struct rs_area *g = glibc_area();

	if (g == NULL || (int32_t)RD(g->cpu_id) < 0) {
		printf("rseq %s: glibc registered no rseq area (__rseq_size "
		       "%u, cpu_id %d)\n", mode, __rseq_size,
		       g ? (int32_t)RD(g->cpu_id) : 0);
		return NULL;
	}
	return g;
}

/* good_spin_cs is a well-formed descriptor of rs_spin's section. */
static struct rs_desc good_spin_cs(void)
{
	return (struct rs_desc){
		.start_ip = (uintptr_t)rs_spin_start,
		.post_commit_offset = rs_spin_end - rs_spin_start,
		.abort_ip = (uintptr_t)rs_spin_abort,
	};
}

/* check_ids checks that the kernel has written the area's IDs: the CPU
 * getcpu reports in cpu_id_start and cpu_id, node 0 (ringside has one
 * NUMA node) and mm_cid 0 (the only thread of its address space). */
static void check_ids(struct rs_area *a)
{
	uint32_t cpu = getcpu_sys();

	CHECK(cpu != ~0u);
	CHECK_EQ(RD(a->cpu_id_start), cpu);
	CHECK_EQ(RD(a->cpu_id), cpu);
	CHECK_EQ(RD(a->node_id), 0);
	CHECK_EQ(RD(a->mm_cid), 0);
}

/* check_unregistered checks what unregistration leaves (Linux's
 * rseq_reset_ids): cpu_id RSEQ_CPU_ID_UNINITIALIZED so that a library
 * sees there is no registration, cpu_id_start 0 because uapi/rseq.h
 * promises it always holds a possible CPU number "even when rseq is not
 * registered", node_id and mm_cid 0. */
static void check_unregistered(struct rs_area *a)
{
	CHECK_EQ(RD(a->cpu_id), RS_CPU_ID_UNINITIALIZED);
	CHECK_EQ(RD(a->cpu_id_start), 0);
	CHECK_EQ(RD(a->node_id), 0);
	CHECK_EQ(RD(a->mm_cid), 0);
}

/* Areas of our own, 64 bytes so that longer registrations fit. */
static union {
	struct rs_area a;
	unsigned char b[64];
} area1 __attribute__((aligned(64))), area2 __attribute__((aligned(64)));

/* errno: rseq(2)'s answers in Linux's order of checks. */
static int mode_errno(void)
{
	struct rs_area *g = glibc_area();
	struct rs_area *a = &area1.a, *b = &area2.a;
	char *p = (char *)a;
	uint32_t sig = RS_SIG;

	CHECK_EQ(RS_SIG, RSEQ_SIG);

	/* glibc's area: registered at start-up, IDs current. Unregister
	 * it to start from nothing; its length is 32, not __rseq_size. */
	CHECK(g != NULL);
	if (g == NULL)
		return check_done("rseq errno");
	check_ids(g);
	if (__rseq_size != RS_LEN)
		CHECK_ERR(sys_rseq(g, __rseq_size, RS_FLAG_UNREGISTER, sig),
			  EINVAL);
	CHECK(sys_rseq(g, RS_LEN, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(g);
	CHECK_ERR(sys_rseq(g, RS_LEN, RS_FLAG_UNREGISTER, sig), EINVAL);
	CHECK_ERR(sys_rseq(NULL, RS_LEN, RS_FLAG_UNREGISTER, sig), EINVAL);

	/* Nothing registered. A failed registration writes nothing. */
	memset(&area1, 0xaa, sizeof(area1));
	CHECK_ERR(sys_rseq(a, 0, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 16, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 31, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(p + 16, 32, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(p + 4, 32, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(p + 8, 33, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(p + 16, 64, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, 4, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, 8, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, (int)0x80000000, sig), EINVAL);
	/* Unknown flags are checked before the length. */
	CHECK_ERR(sys_rseq(a, 31, 4, sig), EINVAL);
	CHECK_EQ(RD(a->cpu_id), 0xaaaaaaaa);
	CHECK_EQ(RD(a->rseq_cs), 0xaaaaaaaaaaaaaaaaULL);

	/* Not writable by the task: EFAULT, and still nothing registered.
	 * Alignment is checked before access. (Linux before 6.19 wrote
	 * nothing at registration: it returned 0 for a read-only page and
	 * killed the task with SIGSEGV on the way out.) */
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	char *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED && gone != MAP_FAILED);
	CHECK(munmap(gone, 4096) == 0);
	CHECK_ERR(sys_rseq(ro, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq(ro + 16, 32, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(gone, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq(NULL, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq((void *)KERNEL_PAGE, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq((void *)KERNEL_HALF, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq((void *)-64L, 32, 0, sig), EFAULT);
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig), EINVAL);

	/* Register, over a stale rseq_cs (cleared, as libcs reuse areas
	 * without clearing them): the IDs are real on return. */
	RD(a->rseq_cs) = 0xdeadbeef;
	CHECK(sys_rseq(a, 32, 0, sig) == 0);
	CHECK_EQ(RD(a->rseq_cs), 0);
	check_ids(a);

	/* Registered: another pointer or length EINVAL, then another
	 * signature EPERM, else EBUSY; unknown flags first of all. */
	CHECK_ERR(sys_rseq(a, 32, 0, sig), EBUSY);
	CHECK_ERR(sys_rseq(b, 32, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 64, 0, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, 0, sig + 1), EPERM);
	CHECK_ERR(sys_rseq(b, 32, 0, sig + 1), EINVAL);
	CHECK_ERR(sys_rseq(a, 64, 0, sig + 1), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, 4, sig), EINVAL);
	CHECK_ERR(sys_rseq(p + 16, 32, 0, sig), EINVAL);

	/* Unregister: extra flags, another pointer or length EINVAL,
	 * then another signature EPERM. */
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER | 2, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER | 4, sig), EINVAL);
	CHECK_ERR(sys_rseq(b, 32, RS_FLAG_UNREGISTER, sig), EINVAL);
	CHECK_ERR(sys_rseq(NULL, 32, RS_FLAG_UNREGISTER, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 64, RS_FLAG_UNREGISTER, sig), EINVAL);
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig + 1), EPERM);
	CHECK_ERR(sys_rseq(b, 32, RS_FLAG_UNREGISTER, sig + 1), EINVAL);
	CHECK_ERR(sys_rseq(a, 64, RS_FLAG_UNREGISTER, sig + 1), EINVAL);

	/* All of that left the registration alone. */
	CHECK_ERR(sys_rseq(a, 32, 0, sig), EBUSY);
	check_ids(a);

	CHECK(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(a);
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig), EINVAL);

	/* Longer than the original 32 bytes and 32-aligned: any length
	 * that covers the feature fields, even an odd one. The
	 * registration is known by its length. */
	CHECK(sys_rseq(a, 64, 0, sig) == 0);
	check_ids(a);
	CHECK_ERR(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig), EINVAL);
	CHECK(sys_rseq(a, 64, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(a);
	CHECK(sys_rseq(b, 33, 0, sig) == 0);
	check_ids(b);
	CHECK(sys_rseq(b, 33, RS_FLAG_UNREGISTER, sig) == 0);

	/* Give glibc its area back, so that sched_getcpu is fast again. */
	CHECK(sys_rseq(g, RS_LEN, 0, sig) == 0);
	check_ids(g);
	CHECK(sched_getcpu() == (int)getcpu_sys());

	munmap(ro, 4096);
	return check_done("rseq errno");
}

/* unregister: what an unregistration leaves in the area, and that the
 * kernel no longer writes it afterwards, through syscalls, sleeps (ticks
 * and rescheduling) and a new registration elsewhere. */
static int mode_unregister(void)
{
	struct rs_area *g = glibc_area();
	struct rs_area *a = &area1.a;
	uint32_t sig = RS_SIG;

	CHECK(g != NULL);
	if (g == NULL)
		return check_done("rseq unregister");

	check_ids(g);
	CHECK(sys_rseq(g, RS_LEN, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(g);

	/* The kernel has forgotten glibc's area: nothing writes it. */
	memset(g, 0x55, sizeof(*g));
	struct timespec ms20 = {.tv_nsec = 20 * 1000 * 1000};
	nanosleep(&ms20, NULL);
	CHECK(syscall(SYS_getpid) > 0);
	CHECK_EQ(RD(g->cpu_id_start), 0x55555555);
	CHECK_EQ(RD(g->cpu_id), 0x55555555);
	CHECK_EQ(RD(g->rseq_cs), 0x5555555555555555ULL);

	/* Unregistration leaves rseq_cs as it was. */
	CHECK(sys_rseq(a, 32, 0, sig) == 0);
	check_ids(a);
	struct rs_desc cs = good_spin_cs();
	RD(a->rseq_cs) = (uintptr_t)&cs;
	CHECK(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(a);
	CHECK_EQ(RD(a->rseq_cs), (uintptr_t)&cs);

	/* Register again: real IDs again. */
	RD(a->rseq_cs) = 0;
	CHECK(sys_rseq(a, 32, 0, sig) == 0);
	check_ids(a);
	CHECK(sys_rseq(a, 32, RS_FLAG_UNREGISTER, sig) == 0);
	check_unregistered(a);

	CHECK(sys_rseq(g, RS_LEN, 0, sig) == 0);
	check_ids(g);
	return check_done("rseq unregister");
}

/* counter: the classic per-CPU counter (rseq_addv). Each task counts in
 * its own address space, so "per-CPU" is per task and per CPU: with two
 * tasks on one CPU, every increment interrupted by a switch to the other
 * task must be aborted and retried, never lost or doubled. */
#define COUNTER_N 2000000
#define COUNTER_SPIN 24
#define MAX_CPUS 256

static int64_t counters[MAX_CPUS];

static int mode_counter(void)
{
	struct rs_area *g = registered_area("counter");
	long aborts = 0, moved = 0;

	if (g == NULL)
		return 1;

	for (long i = 0; i < COUNTER_N; i++) {
		for (;;) {
			uint32_t cpu = RD(g->cpu_id_start);

			if (cpu >= MAX_CPUS) {
				printf("rseq counter: cpu_id_start %u\n", cpu);
				return 1;
			}
			int r = rs_addv(g, counters, cpu, COUNTER_SPIN);
			if (r == 0)
				break;
			if (r == 1)
				aborts++;
			else
				moved++;
		}
	}

	int64_t sum = 0;
	for (int c = 0; c < MAX_CPUS; c++)
		sum += counters[c];
	CHECK_EQ(sum, COUNTER_N);

	printf("rseq counter: %ld increments, %ld aborts, %ld cpu changes\n",
	       (long)sum, aborts, moved);
	if (aborts > 0)
		printf("rseq counter: aborts seen\n");
	return check_done("rseq counter");
}

/* alone: a lone task's section is not aborted by timer ticks: the kernel
 * aborts on a switch to another task (or a migration, or a signal), not
 * on every interrupt. */
static int mode_alone(void)
{
	struct rs_area *g = registered_area("alone");
	struct rs_desc cs = good_spin_cs();
	long aborts = 0, rounds = 0;

	if (g == NULL)
		return 1;

	/* 100 ms is 25 ticks of 4 ms. */
	long long end = now_ms() + 100;
	while (now_ms() < end) {
		if (rs_spin(g, &cs, 1 << 16) != 0)
			aborts++;
		rounds++;
	}
	CHECK_EQ(aborts, 0);
	printf("rseq alone: %ld sections, %ld aborts\n", rounds, aborts);
	return check_done("rseq alone");
}

/* segv-CASE: a malformed rseq_cs kills the task with SIGSEGV when the
 * kernel looks at it. The trigger is a preemption: the task spins inside
 * the section the bad descriptor describes (where the descriptor allows)
 * while its companion task runs; the first tick that switches to the
 * companion and back sends the task through rseq's slow path, which must
 * reject the descriptor. The task never stops spinning by itself; if it is
 * still alive after 5 s, or comes back through abort_ip, it says so and
 * exits 1. (ringside checks the whole descriptor whenever the slow path
 * runs, as Linux's debug mode does; Linux's fast mode checks only what it
 * uses, so only abort-beyond and signature are fatal there as well.) */
static int mode_segv(const char *what)
{
	struct rs_area *g = registered_area(what);
	static struct rs_desc bad;
	const void *cs = &bad;

	if (g == NULL)
		return 1;

	bad = good_spin_cs();
	if (strcmp(what, "segv-version") == 0)
		bad.version = 1;
	else if (strcmp(what, "segv-flags") == 0)
		bad.flags = 1; /* RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT */
	else if (strcmp(what, "segv-abort-inside") == 0)
		bad.abort_ip = bad.start_ip;
	else if (strcmp(what, "segv-wrap") == 0)
		bad.post_commit_offset = 0 - bad.start_ip + 16;
	else if (strcmp(what, "segv-beyond") == 0)
		bad.post_commit_offset = BEYOND_USER - bad.start_ip;
	else if (strcmp(what, "segv-abort-beyond") == 0)
		bad.abort_ip = BEYOND_USER;
	else if (strcmp(what, "segv-signature") == 0)
		bad.abort_ip = (uintptr_t)rs_spin_abort_badsig;
	else if (strcmp(what, "segv-csaddr") == 0)
		cs = (const void *)BEYOND_USER;
	else {
		printf("rseq: unknown mode %s\n", what);
		return 2;
	}

	printf("rseq %s: bad rseq_cs installed, spinning\n", what);
	fflush(stdout);

	long long end = now_ms() + 5000;
	while (now_ms() < end) {
		int r = rs_spin(g, cs, 1 << 20);
		if (r != 0) {
			printf("rseq %s: resumed at abort_ip (%s) instead of "
			       "SIGSEGV\n", what,
			       r == 1 ? "rs_spin_abort" :
					"rs_spin_abort_badsig");
			return 1;
		}
	}
	printf("rseq %s: still alive after 5 s of preemption: the kernel "
	       "accepted the bad rseq_cs\n", what);
	return 1;
}

/* companion: the other task of a segv case. It spins in a good section,
 * counting aborts: each one means the other task ran in user mode since
 * this one was switched out. While the other task lives and spins, every
 * tick brings one; once none has come for 200 ms (50 ticks), the other
 * task is gone. (Its last run, the one that kills it, never returns to
 * user mode and aborts nothing here: the count may be 0.) The suite wants
 * every task of a case to end the same way, so the companion then ends
 * itself with SIGSEGV, by kill(2). */
static int mode_companion(void)
{
	struct rs_area *g = registered_area("companion");
	struct rs_desc cs = good_spin_cs();
	long aborts = 0;

	if (g == NULL)
		return 1;

	/* At most 5 s: should a case fail and leave its companion behind,
	 * it must not keep the next case's companion busy for ever. */
	long long start = now_ms(), last = start;
	for (;;) {
		long long now = now_ms();
		if (now - last > 200 || now - start > 5000)
			break;
		if (rs_spin(g, &cs, 1 << 16) == 1) {
			aborts++;
			last = now_ms();
		}
	}
	printf("rseq companion: done, %ld aborts, then %s\n", aborts,
	       now_ms() - last > 200 ? "200 ms alone" : "5 s in all");
	fflush(stdout);
	kill(getpid(), SIGSEGV);
	return 1;
}

/* signal-abort: a signal delivered while the task is inside a section
 * aborts it before the handler runs: the handler's saved IP is abort_ip,
 * rseq_cs is already 0, and when the handler returns the task continues
 * at abort_ip, not inside the section. SIGALRM from a one-shot 20 ms
 * ITIMER_REAL arrives while rs_wait spins; should it come outside the
 * section (before it was entered), the round is run again. */
static volatile int alarm_seen;
static volatile uintptr_t alarm_ip, alarm_cs;
static struct rs_area *alarm_area;

static void on_alarm(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;

	(void)sig;
	(void)si;
#if defined(__x86_64__)
	alarm_ip = uc->uc_mcontext.gregs[REG_RIP];
#else
	alarm_ip = uc->uc_mcontext.pc;
#endif
	alarm_cs = RD(alarm_area->rseq_cs);
	alarm_seen = 1;
}

static int mode_signal_abort(void)
{
	struct rs_area *g = registered_area("signal-abort");
	struct sigaction sa = {.sa_sigaction = on_alarm,
			       .sa_flags = SA_SIGINFO};

	if (g == NULL)
		return 1;
	alarm_area = g;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);

	int r = -1;
	for (int round = 0; round < 3; round++) {
		struct itimerval it = {.it_value = {.tv_usec = 20000}};

		alarm_seen = 0;
		alarm_ip = alarm_cs = 0;
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);

		/* An abort without the signal is a preemption (on Linux,
		 * where other tasks share the CPU): enter again. */
		do
			r = rs_wait(g, &alarm_seen, 1ULL << 32);
		while (r == 1 && !alarm_seen);

		int early = alarm_seen && alarm_ip != (uintptr_t)rs_wait_abort &&
			    (alarm_ip < (uintptr_t)rs_wait_start ||
			     alarm_ip >= (uintptr_t)rs_wait_post);
		if (r == 0 && early)
			continue;
		break;
	}

	CHECK(alarm_seen);
	if (r == 0)
		printf("rseq signal-abort: the handler returned into the "
		       "section at %#lx [%p, %p)\n", (unsigned long)alarm_ip,
		       (void *)rs_wait_start, (void *)rs_wait_post);
	if (r == 2)
		printf("rseq signal-abort: no SIGALRM within the budget\n");
	CHECK_EQ(r, 1);
	CHECK_EQ(alarm_ip, (uintptr_t)rs_wait_abort);
	CHECK_EQ(alarm_cs, 0);
	CHECK_EQ(RD(g->rseq_cs), 0);
	return check_done("rseq signal-abort");
}

/* slice_ctrl's bytes: request is user space's, granted the kernel's. */
#define SLICE_REQUEST(a) (((volatile uint8_t *)&(a)->slice_ctrl)[0])
#define SLICE_GRANTED(a) (((volatile uint8_t *)&(a)->slice_ctrl)[1])

/* rs_prctl is prctl(PR_RSEQ_SLICE_EXTENSION, op, a3, a4, a5) with every
 * argument a full unsigned long: glibc's variadic prctl passes ints,
 * whose upper halves the kernel would read as set bits. */
static long rs_prctl(unsigned long op, unsigned long a3, unsigned long a4,
		     unsigned long a5)
{
	return syscall(SYS_prctl, (unsigned long)RS_PR_SLICE, op, a3, a4, a5);
}

static long slice_yield(void)
{
	return syscall(RS_NR_SLICE_YIELD);
}

/* slice-prctl: enabling time slice extension, Linux's errno table and the
 * read-only feature bits in the area's flags. */
static int mode_slice_prctl(void)
{
	struct rs_area *g = registered_area("slice-prctl");
	const uint32_t bits = RS_CS_SLICE_AVAILABLE | RS_CS_SLICE_ENABLED;
	uint32_t sig = RS_SIG;

	if (g == NULL)
		return 1;

	/* The area now covers slice_ctrl. glibc registered without
	 * SLICE_EXT_DEFAULT_ON: available, off. */
	CHECK_EQ(getauxval(AT_RSEQ_FEATURE_SIZE), 32);
	CHECK_EQ(RD(g->flags) & bits, RS_CS_SLICE_AVAILABLE);
	CHECK_EQ(RD(g->slice_ctrl), 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), 0);

	/* arg4 and arg5 first, then the op's own checks. */
	CHECK_ERR(rs_prctl(RS_PR_SLICE_SET, 1, 1, 0), EINVAL);
	CHECK_ERR(rs_prctl(RS_PR_SLICE_SET, 1, 0, 1), EINVAL);
	CHECK_ERR(rs_prctl(RS_PR_SLICE_GET, 1, 0, 0), EINVAL);
	CHECK_ERR(rs_prctl(RS_PR_SLICE_SET, 2, 0, 0), EINVAL);
	CHECK_ERR(rs_prctl(RS_PR_SLICE_SET, 3, 0, 0), EINVAL);
	CHECK_ERR(rs_prctl(3, 0, 0, 0), EINVAL);
	CHECK_ERR(rs_prctl(0, 0, 0, 0), EINVAL);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), 0);

	/* On, again (no change), off. */
	CHECK_EQ(rs_prctl(RS_PR_SLICE_SET, RS_PR_SLICE_ENABLE, 0, 0), 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), RS_PR_SLICE_ENABLE);
	CHECK_EQ(RD(g->flags) & bits, bits);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_SET, RS_PR_SLICE_ENABLE, 0, 0), 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_SET, 0, 0, 0), 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), 0);
	CHECK_EQ(RD(g->flags) & bits, RS_CS_SLICE_AVAILABLE);

	/* Without a grant rseq_slice_yield has nothing to end. */
	CHECK_EQ(slice_yield(), 0);

	/* Unregistered: GET still answers, SET is ENXIO. */
	CHECK(sys_rseq(g, RS_LEN, RS_FLAG_UNREGISTER, sig) == 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), 0);
	CHECK_ERR(rs_prctl(RS_PR_SLICE_SET, RS_PR_SLICE_ENABLE, 0, 0), ENXIO);

	/* SLICE_EXT_DEFAULT_ON at registration turns it on, and the
	 * registration clears slice_ctrl. */
	RD(g->slice_ctrl) = 0x0101;
	CHECK(sys_rseq(g, RS_LEN, RS_FLAG_SLICE_DEFAULT_ON, sig) == 0);
	CHECK_EQ(RD(g->flags) & bits, bits);
	CHECK_EQ(RD(g->slice_ctrl), 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), RS_PR_SLICE_ENABLE);
	check_ids(g);

	/* Give glibc its registration back, extension off. */
	CHECK(sys_rseq(g, RS_LEN, RS_FLAG_UNREGISTER, sig) == 0);
	CHECK(sys_rseq(g, RS_LEN, 0, sig) == 0);
	CHECK_EQ(rs_prctl(RS_PR_SLICE_GET, 0, 0, 0), 0);
	check_ids(g);
	return check_done("rseq slice-prctl");
}

/* counter reads the CPU's free-running counter (rdtsc, cntvct_el0), which
 * user mode reads without a syscall: a syscall would end a grant. */
static inline uint64_t counter(void)
{
#if defined(__x86_64__)
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
#else
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#endif
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* slice: with the extension on, each round sets slice_ctrl.request and
 * spins inside a critical section until the kernel grants an extension,
 * which it does at the next tick instead of switching to the other task.
 * The grant is then ended in turn by rseq_slice_yield (which returns 1
 * and leaves slice_ctrl 0), by another syscall (slice_ctrl 0, and a later
 * yield returns 0), or by waiting, outside any section, until the slice
 * timer revokes it (granted drops to 0 without a syscall). Run two at
 * once: each is the other's companion, the task the extension keeps
 * waiting.
 *
 * The wait is timed in counter ticks, from the grant seen to the last
 * read that still saw it, and converted with the counter's rate against
 * CLOCK_MONOTONIC over the run. The suite's QEMU runs with -icount, so
 * that is virtual time and a grant ends about 5 µs after it was seen.
 * Without -icount (make qemu) the counter runs at host time and the
 * figure holds QEMU's interrupt latency as well. The check is only that
 * the slice timer, not the next tick (up to 4 ms later), ended the grant:
 * within 1 ms for a majority of grants. Ended by the tick, three in four
 * would take longer than that; a host that takes the CPU from a QEMU
 * without -icount stretches some grants as the counter sees them, so a
 * majority is all that is asked.
 *
 * 5 µs of host time is short for QEMU: a grant can run out before the
 * task acts on it. If it ran out before the task was back in user mode,
 * the kernel revoked it on the way (as Linux's
 * __rseq_arm_slice_extension_timer does) and the section is aborted;
 * if before the task read slice_ctrl or yielded, slice_ctrl reads 0 and
 * the yield returns 0. Such rounds count as expired and the way of ending
 * a grant they were to try is tried again. Only grants seen inside the
 * section count: a reschedule instead of a grant would abort every round,
 * and leave none. */
#define SLICE_MS 300
#define SLICE_MAX_MS 3000
#define SLICE_BUDGET (1ULL << 30)
#define SLICE_MAX_REVOKED 512

static int mode_slice(void)
{
	struct rs_area *g = registered_area("slice");
	long rounds = 0, grants = 0, aborts = 0, stuck = 0, expired = 0;
	long denied = 0;
	long way = 0, yielded = 0, ended = 0, revoked = 0;
	static uint64_t took[SLICE_MAX_REVOKED];

	if (g == NULL)
		return 1;
	CHECK_EQ(rs_prctl(RS_PR_SLICE_SET, RS_PR_SLICE_ENABLE, 0, 0), 0);

	/* SLICE_MS, longer (up to SLICE_MAX_MS) until each way of ending a
	 * grant was seen a few times: QEMU may let many grants expire. */
	long long start_ns = now_ns(), begin = now_ms();
	uint64_t start = counter();
	for (;;) {
		long long ms = now_ms() - begin;
		int enough = yielded >= 3 && ended >= 3 && revoked >= 3;
		if (check_failures || ms >= SLICE_MAX_MS ||
		    (ms >= SLICE_MS && enough))
			break;

		SLICE_REQUEST(g) = 1;
		int r = rs_grant_wait(g, SLICE_BUDGET);
		uint64_t seen = counter();
		rounds++;
		if (r == 1) {
			aborts++;
			continue;
		}
		if (r == 2) {
			/* The kernel denies a request when other exit work
			 * is pending at the tick: it clears slice_ctrl and
			 * reschedules. With the other task gone, nothing
			 * aborts the section then, and the wait runs out.
			 * Only a request the kernel never answered is a
			 * failure. */
			if (RD(g->slice_ctrl) == 0)
				denied++;
			else
				stuck++;
			continue;
		}
		grants++;

		/* request 0, granted 1; 0 once the slice timer revoked. */
		uint32_t ctrl = RD(g->slice_ctrl);
		CHECK(ctrl == 0x100 || ctrl == 0);
		if (ctrl == 0) {
			expired++;
			continue;
		}

		switch (way % 3) {
		case 0: {
			long y = slice_yield();
			CHECK(y == 1 || y == 0);
			CHECK_EQ(RD(g->slice_ctrl), 0);
			if (y == 0) {
				expired++;
				continue;
			}
			yielded++;
			break;
		}
		case 1:
			CHECK(syscall(SYS_getppid) >= 0);
			CHECK_EQ(RD(g->slice_ctrl), 0);
			CHECK_EQ(slice_yield(), 0);
			ended++;
			break;
		case 2: {
			/* The counter is read before the check that still
			 * sees the grant: after a switch, last is not moved. */
			uint64_t n = SLICE_BUDGET, last = seen;
			for (;;) {
				uint64_t now = counter();
				if (!SLICE_GRANTED(g) || --n == 0)
					break;
				last = now;
			}
			CHECK_EQ(RD(g->slice_ctrl), 0);
			CHECK_EQ(slice_yield(), 0);
			if (revoked < SLICE_MAX_REVOKED)
				took[revoked] = last - seen;
			revoked++;
			break;
		}
		}
		way++;
	}
	uint64_t hz = (uint64_t)((double)(counter() - start) * 1e9 /
				 (double)(now_ns() - start_ns));

	long late = 0;
	uint64_t longest = 0;
	for (long i = 0; i < revoked && i < SLICE_MAX_REVOKED; i++) {
		if (took[i] > longest)
			longest = took[i];
		if (took[i] >= hz / 1000)
			late++;
	}

	CHECK_EQ(rs_prctl(RS_PR_SLICE_SET, 0, 0, 0), 0);
	printf("rseq slice: %ld rounds, %ld grants: %ld yielded, %ld ended "
	       "by a syscall, %ld revoked by the slice timer (longest %llu us, "
	       "%ld over 1 ms), %ld expired first; %ld aborts, %ld denied, "
	       "%ld without an answer\n", rounds, grants, yielded, ended,
	       revoked, (unsigned long long)(longest * 1000000 / hz), late,
	       expired, aborts, denied, stuck);
	CHECK(grants >= 3);
	CHECK(yielded > 0 && ended > 0 && revoked > 0);
	CHECK(late * 2 < revoked);
	CHECK_EQ(stuck, 0);
	return check_done("rseq slice");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "errno") == 0)
		return mode_errno();
	if (strcmp(mode, "unregister") == 0)
		return mode_unregister();
	if (strcmp(mode, "counter") == 0)
		return mode_counter();
	if (strcmp(mode, "alone") == 0)
		return mode_alone();
	if (strncmp(mode, "segv-", 5) == 0)
		return mode_segv(mode);
	if (strcmp(mode, "companion") == 0)
		return mode_companion();
	if (strcmp(mode, "signal-abort") == 0)
		return mode_signal_abort();
	if (strcmp(mode, "slice-prctl") == 0)
		return mode_slice_prctl();
	if (strcmp(mode, "slice") == 0)
		return mode_slice();

	printf("usage: rseq errno|unregister|counter|alone|segv-CASE|"
	       "companion|signal-abort|slice-prctl|slice\n");
	return 2;
}

//go:build tamago && amd64

// Ring 3 entry and exit. One CPU: the per-CPU state lives in the globals
// of run.go. A Context's register file doubles as the entry stack: TSS.RSP0
// and the SYSCALL path both point the stack at the end of its pt_regs part
// and push the user registers straight into it, as Linux's entry_64.S does
// on its per-CPU stack.

#include "go_asm.h"
#include "textflag.h"

#define MSR_FS_BASE 0xc0000100
#define ENOSYS 38

// TO_KERNEL is the way back into the kernel once the user registers are
// in the context: the Go runtime's FS base (g is reached through it), the
// user x87/SSE state saved, userEnter's stack. Leaves DI = ctx.
#define TO_KERNEL \
	MOVL	$MSR_FS_BASE, CX \
	MOVL	·kernelFS(SB), AX \
	MOVL	·kernelFS+4(SB), DX \
	WRMSR \
	MOVQ	·curCtx(SB), DI \
	MOVQ	Context_fxp(DI), AX \
	FXSAVE64	(AX) \
	MOVQ	·kernelSP(SB), SP \
	MOVQ	·kernelBP(SB), BP

// TO_USER is the way out (in: DI = ctx; SP and BP those of userEnter's
// frame, which the stack may have moved since the last entry): note the
// kernel stack, load the user FS base and FP state. Leaves DI at the
// register file.
#define TO_USER \
	MOVQ	SP, ·kernelSP(SB) \
	MOVQ	BP, ·kernelBP(SB) \
	MOVL	$MSR_FS_BASE, CX \
	MOVL	(Context_Regs+Regs_FSBase)(DI), AX \
	MOVL	(Context_Regs+Regs_FSBase+4)(DI), DX \
	WRMSR \
	MOVQ	Context_fxp(DI), AX \
	FXRSTOR64	(AX) \
	ADDQ	$Context_Regs, DI

// func userEnter(ctx *Context) (vector uint64)
//
// Enters ring 3 with ctx and returns at the next trap from ring 3 with ctx
// updated and the vector (trapSyscall for SYSCALL). Interrupts are off
// from here until the user flags are loaded. Clobbers every register but
// SP and BP; the ABI wrapper reloads g from FS, which userExit restores.
// Syscalls the fast path runs (syscallFast) do not return from here.
TEXT ·userEnter(SB),NOSPLIT,$0-16
	MOVQ	ctx+0(FP), DI
	CLI
	MOVQ	DI, ·curCtx(SB)

	// The next ring 3 -> 0 transition pushes its frame into ctx.
	LEAQ	(Context_Regs+Regs_FSBase)(DI), AX
	MOVQ	AX, ·tss+4(SB)

	// Keep the Go runtime's FS base (its TLS) for the way back.
	MOVL	$MSR_FS_BASE, CX
	RDMSR
	MOVL	AX, ·kernelFS(SB)
	MOVL	DX, ·kernelFS+4(SB)

	JMP	·userResume(SB)

// userResume is the rest of userEnter (in: DI = ctx): return to ring 3
// through userReturn, which picks SYSRETQ or IRETQ.
TEXT ·userResume(SB),NOSPLIT|NOFRAME,$0
	TO_USER
	JMP	·userReturn(SB)

// iretReturn returns to ring 3 with IRETQ from the register file at DI,
// which works for every user state.
TEXT ·iretReturn(SB),NOSPLIT|NOFRAME,$0
	MOVQ	DI, SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BP
	POPQ	BX
	POPQ	R11
	POPQ	R10
	POPQ	R9
	POPQ	R8
	POPQ	AX
	POPQ	CX
	POPQ	DX
	POPQ	SI
	POPQ	DI
	ADDQ	$8, SP		// orig_ax
	IRETQ

// syscallEntry is LSTAR. SYSCALL left RIP in RCX, RFLAGS in R11, masked
// IF/TF/DF/AC and kept the user stack: switch to the context and build
// pt_regs as an interrupt would, with orig_ax = nr and ax = -ENOSYS, then
// restore the kernel's FS base, save the FP state and go on in
// syscallFast on userEnter's frame.
TEXT ·syscallEntry(SB),NOSPLIT|NOFRAME,$0
	MOVQ	SP, ·userSP(SB)
	MOVQ	·curCtx(SB), SP
	ADDQ	$(Context_Regs+Regs_FSBase), SP

	PUSHQ	$const_UserDS
	PUSHQ	·userSP(SB)
	PUSHQ	R11
	PUSHQ	$const_UserCS
	PUSHQ	CX
	PUSHQ	AX
	PUSHQ	DI
	PUSHQ	SI
	PUSHQ	DX
	PUSHQ	CX
	PUSHQ	$-ENOSYS
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15

	TO_KERNEL
	JMP	·syscallFast(SB)

// func syscallFast(ctx *Context) (vector uint64)
//
// The fast syscall path (FastPath; Linux 3.x-4.9's
// entry_SYSCALL_64_fastpath). It runs as userEnter's frame: SP points at
// userEnter's return address and its ctx argument (in: DI = ctx). With
// no work bit set, a handler for the number and an exact SYSRET ahead
// (canonical IP, no TF/RF: the fast return does not recheck), it calls
// the handler as Go code (g in R14, X15 zero, the task in AX and a spill
// slot for it on the stack), stores the result (-errno for an error)
// and, if the task still has no work, no rseq work and is still the
// current task, returns to ring 3 with sysretFast. Otherwise it returns
// from userEnter: trapSyscall when the handler has not run,
// trapSyscallExit when only the exit is left.
TEXT ·syscallFast(SB),NOSPLIT|NOFRAME,$0-16
	MOVQ	(Context_Regs+Regs_OrigAX)(DI), BX
	CMPQ	BX, (Context_fast+FastPath_NCalls)(DI)
	JAE	slow	// also when the path is off: NCalls is 0

	MOVQ	(Context_fast+FastPath_Work)(DI), SI
	MOVL	(Context_fast+FastPath_Mask)(DI), AX
	TESTL	AX, (SI)
	JNZ	slow

	MOVQ	(Context_Regs+Regs_IP)(DI), AX
	SHRQ	$47, AX
	JNZ	slow
	TESTQ	$(const_FlagTF|const_FlagRF), (Context_Regs+Regs_Flags)(DI)
	JNZ	slow

	MOVQ	(Context_fast+FastPath_Calls)(DI), DX
	MOVQ	(DX)(BX*8), DX
	TESTQ	DX, DX
	JZ	slow

	// The Go ABI lets the callee spill its register argument into
	// the caller's frame: give it the slot, below userEnter's return
	// address.
	MOVQ	(TLS), R14
	XORPS	X15, X15
	MOVQ	(Context_fast+FastPath_Task)(DI), AX
	MOVQ	(DX), CX
	ADJSP	$8
	CALL	CX
	ADJSP	$-8

	MOVQ	ctx+0(FP), DI
	TESTQ	BX, BX
	JNZ	errno
result:
	MOVQ	AX, (Context_Regs+Regs_AX)(DI)

	MOVQ	(Context_fast+FastPath_Work)(DI), SI
	MOVL	(Context_fast+FastPath_Mask)(DI), AX
	TESTL	AX, (SI)
	JNZ	exitwork
	MOVQ	(Context_fast+FastPath_Rseq)(DI), SI
	CMPL	(SI), $0
	JNE	exitwork
	MOVQ	(Context_fast+FastPath_Current)(DI), SI
	MOVQ	(SI), AX
	CMPQ	AX, (Context_fast+FastPath_Task)(DI)
	JNE	exitwork

	TO_USER
	JMP	·sysretFast(SB)

errno:
	NEGQ	BX
	MOVQ	BX, AX
	JMP	result

slow:
	MOVQ	$const_trapSyscall, vector+8(FP)
	RET

exitwork:
	MOVQ	$const_trapSyscallExit, vector+8(FP)
	RET

// trapCommon is reached from every IDT stub with the error code (or -1)
// on top of the interrupt frame. From ring 3 the frame already sits in the
// context (TSS.RSP0); from ring 0 it is on the interrupted goroutine stack.
TEXT ·trapCommon(SB),NOSPLIT|NOFRAME,$0
	TESTB	$3, 16(SP)
	JZ	kernel

	PUSHQ	DI
	PUSHQ	SI
	PUSHQ	DX
	PUSHQ	CX
	PUSHQ	AX
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	MOVQ	CR2, AX
	MOVQ	AX, ·trapAddr(SB)
	// The task may have set RFLAGS.AC, which would lift SMAP in the
	// kernel (SYSCALL clears it through FMASK).
	CMPB	·smap(SB), $0
	JEQ	2(PC)
	CLAC
	JMP	·userExit(SB)

kernel:
	CMPQ	·trapVector(SB), $32
	JAE	irq

	// A page fault in a user copy resumes at uaccessOnFault (uaccess.s),
	// which fails the copy: the frame's IP is under AX and the error code.
	CMPQ	·trapVector(SB), $14
	JNE	bug
	CMPQ	·uaccessOnFault(SB), $0
	JEQ	bug
	PUSHQ	AX
	MOVQ	·uaccessOnFault(SB), AX
	MOVQ	AX, 16(SP)
	ANDQ	$~(1<<18), 32(SP)	// RFLAGS.AC: the copy's SMAP window ends
	MOVQ	$0, ·uaccessOnFault(SB)
	INCQ	·uaccessFaults(SB)
	POPQ	AX
	ADDQ	$8, SP
	IRETQ

bug:
	// Any other exception in the kernel itself is a kernel bug: report,
	// stop.
	MOVQ	0(SP), AX
	MOVQ	AX, ·kernelFaultCode(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ·kernelFaultIP(SB)
	MOVQ	CR2, AX
	MOVQ	AX, ·kernelFaultAddr(SB)
	CALL	·kernelFault(SB)
hang:
	HLT
	JMP	hang

irq:
	// No device interrupt is routed to the kernel yet: acknowledge and
	// go on.
	PUSHQ	AX
	MOVL	$0xfee000b0, AX
	MOVL	$0, (AX)
	POPQ	AX
	ADDQ	$8, SP
	IRETQ

// userExit returns from userEnter with the user state saved: kernel FS base
// back (g is reached through it), user x87/SSE state saved, direction flag
// clear as the Go ABI requires.
TEXT ·userExit(SB),NOSPLIT|NOFRAME,$0
	CLD
	TO_KERNEL
	MOVQ	·trapVector(SB), AX
	MOVQ	AX, 16(SP)	// userEnter's result
	RET

// func syscallEntryAddr() uintptr
TEXT ·syscallEntryAddr(SB),NOSPLIT,$0-8
	MOVQ	$·syscallEntry(SB), AX
	MOVQ	AX, ret+0(FP)
	RET

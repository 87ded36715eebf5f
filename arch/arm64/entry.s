//go:build tamago && arm64

// EL0 entry and exit. One CPU: the per-CPU state lives in the globals of
// run.go. While a task runs, SP_EL1 points at its Context, so the lower-EL
// vectors store the user registers straight into it, as Linux's
// kernel_entry does on its per-task stack; userTrap then returns from
// userEnter into the Go function that called it. Only RSP, g (R28), R29
// and R30 must be restored for that: the Go ABI keeps nothing else in
// registers across a call to an assembly function.

#include "go_asm.h"
#include "textflag.h"
#include "entry.h"

// func userEnter(ctx *Context) (kind uint64)
//
// Loads ctx's FP/SIMD state (userResume), TPIDR_EL0, SP_EL0, ELR_EL1
// (PC) and SPSR_EL1 (pstate, sanitised by Run), points SP_EL1 at ctx
// and ERETs to EL0 with x0-x30 from ctx. Returns through userTrap at the
// next exception from EL0 with ctx updated and the kind (trapSync,
// trapIRQ, ...); ESR_EL1 and FAR_EL1 are in trapESR and trapFAR.
// Clobbers every register but RSP, R28 and R29; the FP/SIMD registers
// and FPCR are left as the design says (fp_eager.s, fp_lazy.s).
TEXT ·userEnter(SB),NOSPLIT|NOFRAME,$0-16
	MOVD	ctx+0(FP), R0
	MOVD	RSP, R1
	MOVD	R1, ·kernelSP(SB)
	MOVD	R29, ·kernelFP(SB)
	MOVD	g, ·kernelG(SB)
	MOVD	R30, ·kernelLR(SB)

	B	·userResume(SB)

// func syscallFast(ctx *Context) (kind uint64)
//
// The fast syscall path (FastPath), reached from userTrap for a
// synchronous exception with the kernel's registers back. It runs as
// userEnter's frame: RSP points where userEnter's caller left it, R30 is
// userEnter's return address. For an SVC with no work bit set and a
// handler for x8 it leaves pt_regs as Run would (orig_x0, syscallno),
// calls the handler as Go code (g is back in R28, the task in R0; a
// 16-byte frame holds the return address for the unwinder and a spill
// slot), stores the result in x0 (-errno for an error) and, if the task
// still has no work, no rseq work and is still the current task, ERETs
// to EL0. Otherwise it returns from userEnter: trapSync when the handler
// has not run, trapSyscallExit when only the exit is left.
TEXT ·syscallFast(SB),NOSPLIT|NOFRAME,$0-16
	MOVD	ctx+0(FP), R3
	MOVD	·trapESR(SB), R1
	LSR	$26, R1, R1
	CMP	$const_ECSVC64, R1
	BNE	slow

	MOVD	X(8)(R3), R4
	MOVD	(Context_fast+FastPath_NCalls)(R3), R5
	CMP	R5, R4
	BHS	slow	// also when the path is off: NCalls is 0

	WORK_CHECK(slow)

	MOVD	(Context_fast+FastPath_Calls)(R3), R5
	MOVD	(R5)(R4<<3), R26
	CBZ	R26, slow

	MOVD	X(0)(R3), R5
	MOVD	R5, (Context_Regs+Regs_OrigX0)(R3)
	MOVW	R4, (Context_Regs+Regs_Syscallno)(R3)

	MOVD	(Context_fast+FastPath_Task)(R3), R0
	MOVD	(R26), R1
	SUB	$16, RSP
	MOVD	R30, (RSP)
	CALL	(R1)
	MOVD	(RSP), R30
	ADD	$16, RSP

	MOVD	ctx+0(FP), R3
	CBZ	R1, result
	NEG	R1, R0
result:
	MOVD	R0, X(0)(R3)

	WORK_CHECK(exitwork)
	MOVD	(Context_fast+FastPath_Rseq)(R3), R5
	MOVWU	(R5), R5
	CBNZ	R5, exitwork
	MOVD	(Context_fast+FastPath_Current)(R3), R5
	MOVD	(R5), R5
	MOVD	(Context_fast+FastPath_Task)(R3), R6
	CMP	R6, R5
	BNE	exitwork

	// The stack may have moved while the handler ran.
	MOVD	RSP, R1
	MOVD	R1, ·kernelSP(SB)
	MOVD	R29, ·kernelFP(SB)
	MOVD	R3, R0
	B	·userResume(SB)

slow:
	MOVD	$const_trapSync, R0
	MOVD	R0, kind+8(FP)
	RET

exitwork:
	MOVD	$const_trapSyscallExit, R0
	MOVD	R0, kind+8(FP)
	RET

// kernelException is reached from a current-EL vector with the vector
// number in R0: an exception in the kernel itself, a kernel bug. It
// records the syndrome and calls kernelFault on the interrupted stack,
// which does not return. The one exception expected at EL1 is a firmware
// call nobody answers (firmwareCall set, EC 0 "unknown"): it returns
// NotSupported in x0 past the instruction. Clobbers R0, R1, R27.
TEXT ·kernelException(SB),NOSPLIT|NOFRAME,$0
	MOVD	·firmwareCall(SB), R1
	CBZ	R1, fault
	MRS	ESR_EL1, R1
	LSR	$26, R1, R1
	CBNZ	R1, fault
	MOVD	ZR, ·firmwareCall(SB)
	MRS	ELR_EL1, R1
	ADD	$4, R1, R1
	MSR	R1, ELR_EL1
	MOVD	$-1, R0
	ERET

fault:
	MOVD	R0, ·kernelFaultVector(SB)
	MRS	ESR_EL1, R0
	MOVD	R0, ·kernelFaultESR(SB)
	MRS	ELR_EL1, R0
	MOVD	R0, ·kernelFaultELR(SB)
	MRS	FAR_EL1, R0
	MOVD	R0, ·kernelFaultFAR(SB)
	BL	·kernelFault(SB)
hang:
	WFI
	B	hang

// The vector table (D1.10.2): 16 entries of 0x80 bytes, 2 KiB aligned.
// Current EL with SP_EL0 (0x000) and SP_ELx (0x200): the kernel; lower EL
// AArch64 (0x400) and AArch32 (0x600, never entered: pstate is forced to
// AArch64): a task.
#define KERNEL(n) MOVD $n, R0; B ·kernelException(SB); PCALIGN $128
#define USER(kind) STP (R0, R1), X(0)(RSP); MOVD $kind, R0; B ·userTrap(SB); PCALIGN $128

TEXT ·vectors(SB),NOSPLIT|NOFRAME,$0
	PCALIGN	$2048
	KERNEL(0)
	KERNEL(1)
	KERNEL(2)
	KERNEL(3)
	// The kernel's synchronous exceptions (SP_ELx) include the FP/SIMD
	// access trap (EC 0x07) of the lazyfp design, which must clobber
	// nothing, and data aborts (EC 0x25) in user copies: R0 is parked
	// in TPIDR_EL1 (unused by Go) for fpTrap and uaccessFixup.
	MSR	R0, TPIDR_EL1
	MRS	ESR_EL1, R0
	LSR	$26, R0, R0
	CMP	$const_ecFPAccess, R0
	BEQ	fptrap
	CMP	$const_ecDAbortCur, R0
	BEQ	uaccess
	MOVD	$4, R0
	B	·kernelException(SB)
fptrap:
	B	·fpTrap(SB)
uaccess:
	B	·uaccessFixup(SB)
	PCALIGN	$128
	KERNEL(5)
	KERNEL(6)
	KERNEL(7)
	USER(const_trapSync)
	USER(const_trapIRQ)
	USER(const_trapFIQ)
	USER(const_trapSError)
	USER(const_trapSync)
	USER(const_trapIRQ)
	USER(const_trapFIQ)
	USER(const_trapSError)

// func vectorsAddr() uint64
TEXT ·vectorsAddr(SB),NOSPLIT,$0-8
	MOVD	$·vectors(SB), R0
	MOVD	R0, ret+0(FP)
	RET

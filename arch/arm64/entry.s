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

// Offsets in Context of the register file (at 0) and the FP/SIMD state.
#define X(n) (Context_Regs+Regs_X+8*(n))
#define SPEL0 (Context_Regs+Regs_SP)
#define PC (Context_Regs+Regs_PC)
#define PSTATE (Context_Regs+Regs_Pstate)
#define NSH $0x7
#define ISHST $0xa
#define SY $0xf

// WORK_CHECK branches to label when the task of the context in R3 has a
// work bit of the fast path's mask set. Clobbers R5, R6.
#define WORK_CHECK(label) \
	MOVD	(Context_fast+FastPath_Work)(R3), R5; \
	MOVWU	(R5), R5; \
	MOVWU	(Context_fast+FastPath_Mask)(R3), R6; \
	TST	R6, R5; \
	BNE	label

// TO_USER loads the user state from the context in R0 (FP/SIMD,
// TPIDR_EL0, SP_EL0, ELR_EL1, SPSR_EL1, x0-x30) and ERETs to EL0. Table
// updates of the kernel are made visible to the walker first (DSB); no
// straight-line speculation past the ERET.
#define TO_USER \
	ADD	$Context_FPSIMD, R0, R1 \
	VLD1.P	64(R1), [V0.D2, V1.D2, V2.D2, V3.D2] \
	VLD1.P	64(R1), [V4.D2, V5.D2, V6.D2, V7.D2] \
	VLD1.P	64(R1), [V8.D2, V9.D2, V10.D2, V11.D2] \
	VLD1.P	64(R1), [V12.D2, V13.D2, V14.D2, V15.D2] \
	VLD1.P	64(R1), [V16.D2, V17.D2, V18.D2, V19.D2] \
	VLD1.P	64(R1), [V20.D2, V21.D2, V22.D2, V23.D2] \
	VLD1.P	64(R1), [V24.D2, V25.D2, V26.D2, V27.D2] \
	VLD1.P	64(R1), [V28.D2, V29.D2, V30.D2, V31.D2] \
	MOVWU	(R1), R2 \
	MSR	R2, FPSR \
	MOVWU	4(R1), R2 \
	MSR	R2, FPCR \
	MOVD	Context_TPIDR(R0), R2 \
	MSR	R2, TPIDR_EL0 \
	MOVD	PC(R0), R2 \
	MSR	R2, ELR_EL1 \
	MOVD	PSTATE(R0), R2 \
	MSR	R2, SPSR_EL1 \
	MOVD	SPEL0(R0), R2 \
	MSR	R2, SP_EL0 \
	DSB	ISHST \
	MOVD	R0, RSP \
	LDP	X(2)(RSP), (R2, R3) \
	LDP	X(4)(RSP), (R4, R5) \
	LDP	X(6)(RSP), (R6, R7) \
	LDP	X(8)(RSP), (R8, R9) \
	LDP	X(10)(RSP), (R10, R11) \
	LDP	X(12)(RSP), (R12, R13) \
	LDP	X(14)(RSP), (R14, R15) \
	LDP	X(16)(RSP), (R16, R17) \
	LDP	X(18)(RSP), (R18_PLATFORM, R19) \
	LDP	X(20)(RSP), (R20, R21) \
	LDP	X(22)(RSP), (R22, R23) \
	LDP	X(24)(RSP), (R24, R25) \
	LDP	X(26)(RSP), (R26, R27) \
	LDP	X(28)(RSP), (g, R29) \
	MOVD	X(30)(RSP), R30 \
	LDP	X(0)(RSP), (R0, R1) \
	ERET \
	DSB	NSH \
	ISB	SY

// func userEnter(ctx *Context) (kind uint64)
//
// Loads ctx's FP/SIMD state, TPIDR_EL0, SP_EL0, ELR_EL1 (PC) and SPSR_EL1
// (pstate, sanitised by Run), points SP_EL1 at ctx and ERETs to EL0 with
// x0-x30 from ctx. Returns through userTrap at the next exception from
// EL0 with ctx updated and the kind (trapSync, trapIRQ, ...); ESR_EL1
// and FAR_EL1 are in trapESR and trapFAR. Clobbers every register but
// RSP, R28 and R29, and FPCR is the caller's again.
TEXT ·userEnter(SB),NOSPLIT|NOFRAME,$0-16
	MOVD	ctx+0(FP), R0
	MOVD	RSP, R1
	MOVD	R1, ·kernelSP(SB)
	MOVD	R29, ·kernelFP(SB)
	MOVD	g, ·kernelG(SB)
	MOVD	R30, ·kernelLR(SB)
	MRS	FPCR, R1
	MOVD	R1, ·kernelFPCR(SB)

	B	·userResume(SB)

// userResume is the way back to EL0 (in: R0 = ctx), for userEnter and
// the fast path. It is a function of its own because it writes RSP:
// syscallFast, which calls Go code, must not, or the stack unwinder
// could not walk through it.
TEXT ·userResume(SB),NOSPLIT|NOFRAME,$0
	TO_USER

// userTrap is reached from a lower-EL vector with x0 and x1 stored in the
// context and the kind in R0. It stores the rest of the user state and
// returns from userEnter.
TEXT ·userTrap(SB),NOSPLIT|NOFRAME,$0
	STP	(R2, R3), X(2)(RSP)
	STP	(R4, R5), X(4)(RSP)
	STP	(R6, R7), X(6)(RSP)
	STP	(R8, R9), X(8)(RSP)
	STP	(R10, R11), X(10)(RSP)
	STP	(R12, R13), X(12)(RSP)
	STP	(R14, R15), X(14)(RSP)
	STP	(R16, R17), X(16)(RSP)
	STP	(R18_PLATFORM, R19), X(18)(RSP)
	STP	(R20, R21), X(20)(RSP)
	STP	(R22, R23), X(22)(RSP)
	STP	(R24, R25), X(24)(RSP)
	STP	(R26, R27), X(26)(RSP)
	STP	(g, R29), X(28)(RSP)
	MRS	SP_EL0, R1
	STP	(R30, R1), X(30)(RSP)
	MRS	ELR_EL1, R1
	MRS	SPSR_EL1, R2
	STP	(R1, R2), PC(RSP)

	MOVD	R0, ·trapKind(SB)
	MRS	ESR_EL1, R1
	MOVD	R1, ·trapESR(SB)
	MRS	FAR_EL1, R1
	MOVD	R1, ·trapFAR(SB)

	ADD	$Context_FPSIMD, RSP, R1
	VST1.P	[V0.D2, V1.D2, V2.D2, V3.D2], 64(R1)
	VST1.P	[V4.D2, V5.D2, V6.D2, V7.D2], 64(R1)
	VST1.P	[V8.D2, V9.D2, V10.D2, V11.D2], 64(R1)
	VST1.P	[V12.D2, V13.D2, V14.D2, V15.D2], 64(R1)
	VST1.P	[V16.D2, V17.D2, V18.D2, V19.D2], 64(R1)
	VST1.P	[V20.D2, V21.D2, V22.D2, V23.D2], 64(R1)
	VST1.P	[V24.D2, V25.D2, V26.D2, V27.D2], 64(R1)
	VST1.P	[V28.D2, V29.D2, V30.D2, V31.D2], 64(R1)
	MRS	FPSR, R2
	MOVW	R2, (R1)
	MRS	FPCR, R2
	MOVW	R2, 4(R1)
	MRS	TPIDR_EL0, R1
	MOVD	R1, Context_TPIDR(RSP)

	MOVD	·kernelFPCR(SB), R1
	MSR	R1, FPCR
	MOVD	·kernelSP(SB), R1
	MOVD	R1, RSP
	MOVD	·kernelFP(SB), R29
	MOVD	·kernelG(SB), g
	MOVD	·kernelLR(SB), R30
	CBNZ	R0, out
	B	·syscallFast(SB)
out:
	MOVD	R0, 16(RSP)	// userEnter's result
	RET

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
	KERNEL(4)
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

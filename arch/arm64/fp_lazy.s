//go:build tamago && arm64 && lazyfp

// The lazyfp design: a task's V0-V31, FPSR and FPCR stay in the registers
// while the kernel runs, and CPACR_EL1.FPEN traps FP/SIMD at EL1 until
// the kernel first touches them (fpTrap saves them then). A return to
// the task whose state is still live loads nothing (docs/designs.md,
// "FP/SIMD state"). fpOwner (fp_lazy.go) names that task's Context.
//
// Invariant, in the kernel: FP/SIMD traps at EL1 exactly while fpOwner
// is not 0, and then FPCR is still the owner's.

#include "go_asm.h"
#include "textflag.h"
#include "entry.h"

// userResume is the way back to EL0 (in: R0 = ctx), for userEnter and
// the fast path; a function of its own because it writes RSP (see
// fp_eager.s). FP/SIMD is enabled for EL0; if ctx's state is not the
// live one, whoever's is live is saved and ctx's loaded.
TEXT ·userResume(SB),NOSPLIT|NOFRAME,$0
	MOVD	·fpOwner(SB), R1
	MOVD	$const_cpacrFPEN, R2
	MSR	R2, CPACR_EL1
	CMP	R0, R1
	BEQ	live	// the ERET synchronises the CPACR_EL1 write

	ISB	SY
	CBZ	R1, load
	FP_SAVE(R1, R2, R3)
load:
	FP_LOAD(R0, R2, R3)
	MOVD	R0, ·fpOwner(SB)
live:
	TO_USER

// userTrap is reached from a lower-EL vector with x0 and x1 stored in the
// context and the kind in R0. It stores the rest of the user state but
// the FP/SIMD registers, which stay live (fpOwner is this context, set
// by userResume), traps FP/SIMD at EL1 and returns from userEnter.
TEXT ·userTrap(SB),NOSPLIT|NOFRAME,$0
	SAVE_USER
	MSR	ZR, CPACR_EL1
	ISB	SY
	TO_KERNEL

// fpTrap is KERNEL_SYNC's branch for an FP/SIMD access trap at EL1, with
// the interrupted R0 in TPIDR_EL1: kernel code is about to use the
// registers that hold fpOwner's state. It enables FP/SIMD, saves the
// state into fpOwner's Context, clears fpOwner, loads the kernel's FPCR
// and returns to the instruction, which runs again. It preserves every
// general register (R27 too: the interrupted code may be using it) and
// writes only SP_EL0 and TPIDR_EL1, which the kernel does not use, and
// ELR_EL1 and SPSR_EL1, which no FP/SIMD instruction runs while they are
// live (userTrap reads them first, userResume writes them last).
TEXT ·fpTrap(SB),NOSPLIT|NOFRAME,$0
	MSR	R1, SP_EL0
	MOVD	$const_cpacrFPEN, R0
	MSR	R0, CPACR_EL1
	ISB	SY

	MOVD	$·fpOwner(SB), R0
	MOVD	(R0), R0
	CBZ	R0, kernelfpcr
	FP_SAVE(R0, R1, R0)
	MOVD	$·fpOwner(SB), R0
	MOVD	ZR, (R0)
kernelfpcr:
	MOVD	$·kernelFPCR(SB), R0
	MOVD	(R0), R0
	MSR	R0, FPCR

	KERNEL_TRAP_RETURN(·fpTraps)

// func fpFlush()
//
// Saves the live FP/SIMD state, if any, into fpOwner's Context, clears
// fpOwner and leaves FP/SIMD enabled with the kernel's FPCR. Clobbers
// R0-R2 and the V registers.
TEXT ·fpFlush(SB),NOSPLIT|NOFRAME,$0-0
	MOVD	·fpOwner(SB), R0
	CBZ	R0, done
	MOVD	$const_cpacrFPEN, R1
	MSR	R1, CPACR_EL1
	ISB	SY
	FP_SAVE(R0, R1, R2)
	MOVD	·kernelFPCR(SB), R1
	MSR	R1, FPCR
	MOVD	ZR, ·fpOwner(SB)
done:
	RET

//go:build tamago && arm64 && !lazyfp

// The default FP/SIMD design: every exception from EL0 saves the task's
// V0-V31, FPSR and FPCR into its Context before any Go code runs, and
// every return loads them again (docs/designs.md, "FP/SIMD state").

#include "go_asm.h"
#include "textflag.h"
#include "entry.h"

// userResume is the way back to EL0 (in: R0 = ctx), for userEnter and
// the fast path. It is a function of its own because it writes RSP:
// syscallFast, which calls Go code, must not, or the stack unwinder
// could not walk through it.
TEXT ·userResume(SB),NOSPLIT|NOFRAME,$0
	FP_LOAD(R0, R1, R2)
	TO_USER

// userTrap is reached from a lower-EL vector with x0 and x1 stored in the
// context and the kind in R0. It stores the rest of the user state, puts
// the kernel's FPCR back and returns from userEnter.
TEXT ·userTrap(SB),NOSPLIT|NOFRAME,$0
	SAVE_USER
	FP_SAVE(RSP, R1, R2)
	MOVD	·kernelFPCR(SB), R1
	MSR	R1, FPCR
	TO_KERNEL

// fpTrap: FP/SIMD is never trapped in this design, so an FP access trap
// at EL1 (KERNEL_SYNC) is a kernel bug.
TEXT ·fpTrap(SB),NOSPLIT|NOFRAME,$0
	MOVD	$4, R0
	B	·kernelException(SB)

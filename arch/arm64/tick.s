//go:build tamago && arm64

#include "textflag.h"

#define SY $0xf

// func setCNTVCVAL(v uint64)
TEXT ·setCNTVCVAL(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, CNTV_CVAL_EL0
	ISB	SY
	RET

// func cntvCVAL() uint64
TEXT ·cntvCVAL(SB),NOSPLIT,$0-8
	MRS	CNTV_CVAL_EL0, R0
	MOVD	R0, ret+0(FP)
	RET

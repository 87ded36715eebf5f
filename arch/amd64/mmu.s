//go:build tamago && amd64

#include "textflag.h"

// func LoadCR3(root uint64)
TEXT ·LoadCR3(SB),NOSPLIT,$0-8
	MOVQ	root+0(FP), AX
	MOVQ	AX, CR3
	RET

// func ReadCR3() uint64
TEXT ·ReadCR3(SB),NOSPLIT,$0-8
	MOVQ	CR3, AX
	MOVQ	AX, ret+0(FP)
	RET

// func Invlpg(va uint64)
TEXT ·Invlpg(SB),NOSPLIT,$0-8
	MOVQ	va+0(FP), AX
	INVLPG	(AX)
	RET

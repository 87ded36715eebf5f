//go:build tamago && amd64

#include "textflag.h"

// func Out8(p uint16, v uint8)
TEXT ·Out8(SB),NOSPLIT,$0-3
	MOVW	p+0(FP), DX
	MOVB	v+2(FP), AX
	OUTB
	RET

// func In8(p uint16) uint8
TEXT ·In8(SB),NOSPLIT,$0-9
	MOVW	p+0(FP), DX
	XORL	AX, AX
	INB
	MOVB	AX, ret+8(FP)
	RET

// func Out32(p uint16, v uint32)
TEXT ·Out32(SB),NOSPLIT,$0-8
	MOVW	p+0(FP), DX
	MOVL	v+4(FP), AX
	OUTL
	RET

// func ReadTSC() uint64
TEXT ·ReadTSC(SB),NOSPLIT,$0-8
	RDTSC
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, ret+0(FP)
	RET

// func Halt()
TEXT ·Halt(SB),NOSPLIT,$0
	HLT
	RET

// func mmioRead32(addr uintptr) uint32
TEXT ·mmioRead32(SB),NOSPLIT,$0-12
	MOVQ	addr+0(FP), AX
	MOVL	(AX), AX
	MOVL	AX, ret+8(FP)
	RET

// func mmioWrite32(addr uintptr, v uint32)
TEXT ·mmioWrite32(SB),NOSPLIT,$0-12
	MOVQ	addr+0(FP), AX
	MOVL	v+8(FP), BX
	MOVL	BX, (AX)
	RET

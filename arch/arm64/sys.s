//go:build tamago && arm64

#include "textflag.h"

#define SY $0xf

// func Read32(addr uint64) uint32
TEXT ·Read32(SB),NOSPLIT,$0-12
	MOVD	addr+0(FP), R0
	MOVWU	(R0), R1
	MOVW	R1, ret+8(FP)
	RET

// func Write32(addr uint64, v uint32)
TEXT ·Write32(SB),NOSPLIT,$0-12
	MOVD	addr+0(FP), R0
	MOVWU	v+8(FP), R1
	MOVW	R1, (R0)
	RET

// func Read16(addr uint64) uint16
TEXT ·Read16(SB),NOSPLIT,$0-10
	MOVD	addr+0(FP), R0
	MOVHU	(R0), R1
	MOVH	R1, ret+8(FP)
	RET

// func Write16(addr uint64, v uint16)
TEXT ·Write16(SB),NOSPLIT,$0-10
	MOVD	addr+0(FP), R0
	MOVHU	v+8(FP), R1
	MOVH	R1, (R0)
	RET

// func WaitForInterrupt()
TEXT ·WaitForInterrupt(SB),NOSPLIT,$0
	WFI
	RET

// func CNTVCT() uint64
TEXT ·CNTVCT(SB),NOSPLIT,$0-8
	ISB	SY
	MRS	CNTVCT_EL0, R0
	MOVD	R0, ret+0(FP)
	RET

// func HVC(fn, a1, a2, a3 uint64) uint64
TEXT ·HVC(SB),NOSPLIT,$0-40
	MOVD	fn+0(FP), R0
	MOVD	a1+8(FP), R1
	MOVD	a2+16(FP), R2
	MOVD	a3+24(FP), R3
	MOVD	$1, R4
	MOVD	R4, ·firmwareCall(SB)
	HVC	$0
	MOVD	ZR, ·firmwareCall(SB)
	MOVD	R0, ret+32(FP)
	RET

// func SMC(fn, a1, a2, a3 uint64) uint64
TEXT ·SMC(SB),NOSPLIT,$0-40
	MOVD	fn+0(FP), R0
	MOVD	a1+8(FP), R1
	MOVD	a2+16(FP), R2
	MOVD	a3+24(FP), R3
	MOVD	$1, R4
	MOVD	R4, ·firmwareCall(SB)
	SMC	$0
	MOVD	ZR, ·firmwareCall(SB)
	MOVD	R0, ret+32(FP)
	RET

// func Semihosting(op, param uint64) uint64
TEXT ·Semihosting(SB),NOSPLIT,$0-24
	MOVD	op+0(FP), R0
	MOVD	param+8(FP), R1
	MOVD	$1, R4
	MOVD	R4, ·firmwareCall(SB)
	HLT	$0xf000
	MOVD	ZR, ·firmwareCall(SB)
	MOVD	R0, ret+16(FP)
	RET

// func rndr() (v uint64, ok bool)
TEXT ·rndr(SB),NOSPLIT,$0-9
	WORD	$0xd53b2400	// mrs x0, rndr (NZCV = 0100 on failure)
	CSET	NE, R1
	MOVD	R0, v+0(FP)
	MOVB	R1, ok+8(FP)
	RET

// func idAA64ISAR0() uint64
TEXT ·idAA64ISAR0(SB),NOSPLIT,$0-8
	MRS	ID_AA64ISAR0_EL1, R0
	MOVD	R0, ret+0(FP)
	RET

// func readFPCR() uint64
TEXT ·readFPCR(SB),NOSPLIT,$0-8
	MRS	FPCR, R0
	MOVD	R0, ret+0(FP)
	RET

// func setCNTVTVAL(v uint64)
TEXT ·setCNTVTVAL(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, CNTV_TVAL_EL0
	ISB	SY
	RET

// func setCNTVCTL(v uint64)
TEXT ·setCNTVCTL(SB),NOSPLIT,$0-8
	MOVD	v+0(FP), R0
	MSR	R0, CNTV_CTL_EL0
	ISB	SY
	RET

// func cntvCTL() uint64
TEXT ·cntvCTL(SB),NOSPLIT,$0-8
	MRS	CNTV_CTL_EL0, R0
	MOVD	R0, ret+0(FP)
	RET

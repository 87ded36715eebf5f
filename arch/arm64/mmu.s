//go:build tamago && arm64

#include "textflag.h"

#define ISH $0xb
#define ISHST $0xa
#define SY $0xf

// func SetTTBR0(root uint64, asid uint16)
TEXT ·SetTTBR0(SB),NOSPLIT,$0-10
	MOVD	root+0(FP), R0
	MOVHU	asid+8(FP), R1
	ORR	R1<<48, R0, R0
	MSR	R0, TTBR0_EL1
	ISB	SY
	RET

// func TTBR0() uint64
TEXT ·TTBR0(SB),NOSPLIT,$0-8
	MRS	TTBR0_EL1, R0
	MOVD	R0, ret+0(FP)
	RET

// func InvalidatePage(va uint64, asid uint16)
TEXT ·InvalidatePage(SB),NOSPLIT,$0-10
	MOVD	va+0(FP), R0
	MOVHU	asid+8(FP), R1
	LSR	$12, R0, R0
	AND	$0xfffffffffff, R0, R0
	ORR	R1<<48, R0, R0
	DSB	ISHST
	TLBI	VAE1IS, R0
	DSB	ISH
	ISB	SY
	RET

// func InvalidateASID(asid uint16)
TEXT ·InvalidateASID(SB),NOSPLIT,$0-2
	MOVHU	asid+0(FP), R0
	LSL	$48, R0, R0
	DSB	ISHST
	TLBI	ASIDE1IS, R0
	DSB	ISH
	ISB	SY
	RET

// func InvalidateAll()
TEXT ·InvalidateAll(SB),NOSPLIT,$0
	DSB	ISHST
	TLBI	VMALLE1IS
	DSB	ISH
	ISB	SY
	RET

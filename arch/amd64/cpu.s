//go:build tamago && amd64

#include "textflag.h"

// func lgdt(ptr uintptr)
TEXT ·lgdt(SB),NOSPLIT,$0-8
	MOVQ	ptr+0(FP), AX
	LGDT	(AX)
	RET

// func lidt(ptr uintptr)
TEXT ·lidt(SB),NOSPLIT,$0-8
	MOVQ	ptr+0(FP), AX
	LIDT	(AX)
	RET

// func ltr(sel uint16)
TEXT ·ltr(SB),NOSPLIT,$0-2
	MOVW	sel+0(FP), AX
	LTR	AX
	RET

// func rdmsr(msr uint32) uint64
TEXT ·rdmsr(SB),NOSPLIT,$0-16
	MOVL	msr+0(FP), CX
	RDMSR
	SHLQ	$32, DX
	ORQ	DX, AX
	MOVQ	AX, ret+8(FP)
	RET

// func wrmsr(msr uint32, v uint64)
TEXT ·wrmsr(SB),NOSPLIT,$0-16
	MOVL	msr+0(FP), CX
	MOVQ	v+8(FP), AX
	MOVQ	AX, DX
	SHRQ	$32, DX
	WRMSR
	RET

// func nullDataSegments()
//
// Loads the null selector into DS, ES, FS and GS and puts the FS and GS
// bases back (a selector load clears the base).
TEXT ·nullDataSegments(SB),NOSPLIT,$0
	MOVL	$0xc0000100, CX
	RDMSR
	MOVL	AX, R8
	MOVL	DX, R9
	MOVL	$0xc0000101, CX
	RDMSR
	MOVL	AX, R10
	MOVL	DX, R11

	XORL	AX, AX
	MOVW	AX, DS
	MOVW	AX, ES
	MOVW	AX, FS
	MOVW	AX, GS

	MOVL	$0xc0000100, CX
	MOVL	R8, AX
	MOVL	R9, DX
	WRMSR
	MOVL	$0xc0000101, CX
	MOVL	R10, AX
	MOVL	R11, DX
	WRMSR
	RET

// func vectorAddr(v int) uintptr
TEXT ·vectorAddr(SB),NOSPLIT,$0-16
	MOVQ	v+0(FP), BX
	MOVQ	$·vectors(SB), AX
	MOVQ	(AX)(BX*8), AX
	MOVQ	AX, ret+8(FP)
	RET

// func enableWriteProtect()
//
// Sets CR0.WP (SDM Vol. 3A, 2.5): ring 0 writes honour read-only pages,
// so a user copy into a read-only user page faults.
TEXT ·enableWriteProtect(SB),NOSPLIT,$0
	MOVQ	CR0, AX
	ORQ	$(1<<16), AX
	MOVQ	AX, CR0
	RET

// func cpuid(leaf, sub uint32) (a, b, c, d uint32)
TEXT ·cpuid(SB),NOSPLIT,$0-24
	MOVL	leaf+0(FP), AX
	MOVL	sub+4(FP), CX
	CPUID
	MOVL	AX, a+8(FP)
	MOVL	BX, b+12(FP)
	MOVL	CX, c+16(FP)
	MOVL	DX, d+20(FP)
	RET

// func readCR4() uint64
TEXT ·readCR4(SB),NOSPLIT,$0-8
	MOVQ	CR4, AX
	MOVQ	AX, ret+0(FP)
	RET

// func writeCR4(v uint64)
TEXT ·writeCR4(SB),NOSPLIT,$0-8
	MOVQ	v+0(FP), AX
	MOVQ	AX, CR4
	RET

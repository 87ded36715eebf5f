//go:build tamago && arm64

// User copies through the MMU with the unprivileged loads and stores, as
// Linux's copy_from_user and copy_to_user do (arch/arm64/lib/
// copy_from_user.S): LDTR and STTR check EL0's permissions, so a kernel
// page, a read-only page (for STTR) or a missing one faults whatever
// PSTATE.PAN says. FreeBSD's pcb_onfault stands in for Linux's exception
// table: uaccessOnFault holds uaccessFault's address while a copy runs,
// and a data abort at EL1 resumes there (uaccessFixup) instead of
// stopping the kernel. Go's assembler has no LDTR or STTR: they are
// WORDs with x3 as data, x1 as user source and x0 as user destination.
//
// PAN (ARMv8.1), arm64's SMAP, is not set: the Cortex-A53 of QEMU virt
// and of the i.MX 8M Plus has none. On a core with it, SCTLR_EL1.SPAN
// clear would set PSTATE.PAN on every exception entry, and these copies
// would still work, since LDTR and STTR are exempt.

#include "textflag.h"
#include "go_asm.h"
#include "entry.h"

#define LDTR_X3_X1 WORD $0xf8400823
#define LDTRB_W3_X1 WORD $0x38400823
#define STTR_X3_X0 WORD $0xf8000803
#define STTRB_W3_X0 WORD $0x38000803

// COPY_BEGIN loads dst, src and n into R0-R2 and arms uaccessOnFault;
// COPY_END disarms it and returns ok.
#define COPY_BEGIN \
	MOVD	dst+0(FP), R0 \
	MOVD	src+8(FP), R1 \
	MOVD	n+16(FP), R2 \
	MOVD	$·uaccessFault(SB), R3 \
	MOVD	R3, ·uaccessOnFault(SB)
#define COPY_END \
	MOVD	ZR, ·uaccessOnFault(SB) \
	MOVD	$1, R3 \
	MOVB	R3, ok+24(FP) \
	RET

// func CopyFromUser(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)
TEXT ·CopyFromUser(SB),NOSPLIT|NOFRAME,$0-25
	COPY_BEGIN

	CMP	$8, R2
	BLO	inbytes
inwords:
	LDTR_X3_X1
	MOVD.P	R3, 8(R0)
	ADD	$8, R1
	SUB	$8, R2
	CMP	$8, R2
	BHS	inwords
inbytes:
	CBZ	R2, done
	LDTRB_W3_X1
	MOVB.P	R3, 1(R0)
	ADD	$1, R1
	SUB	$1, R2
	B	inbytes

done:
	COPY_END

// func CopyToUser(dst uintptr, src unsafe.Pointer, n uintptr) (ok bool)
TEXT ·CopyToUser(SB),NOSPLIT|NOFRAME,$0-25
	COPY_BEGIN

	CMP	$8, R2
	BLO	outbytes
outwords:
	MOVD.P	8(R1), R3
	STTR_X3_X0
	ADD	$8, R0
	SUB	$8, R2
	CMP	$8, R2
	BHS	outwords
outbytes:
	CBZ	R2, outdone
	MOVBU.P	1(R1), R3
	STTRB_W3_X0
	ADD	$1, R0
	SUB	$1, R2
	B	outbytes

outdone:
	COPY_END

// uaccessFault is where a copy resumes after a data abort, on the copy's
// own frame with its LR (both copies are leaves): it fails the copy.
TEXT ·uaccessFault(SB),NOSPLIT|NOFRAME,$0-25
	MOVD	ZR, ·uaccessOnFault(SB)
	MOVB	ZR, ok+24(FP)
	RET

// uaccessFixup is the kernel's synchronous-exception vector's branch for
// a data abort at EL1 (EC 0x25), with the interrupted R0 in TPIDR_EL1:
// in a user copy it resumes at uaccessOnFault; anything else is a
// kernel bug (kernelException).
TEXT ·uaccessFixup(SB),NOSPLIT|NOFRAME,$0
	MOVD	$·uaccessOnFault(SB), R0
	MOVD	(R0), R0
	CBZ	R0, bug
	MSR	R0, ELR_EL1

	MSR	R1, SP_EL0
	KERNEL_TRAP_RETURN(·uaccessFaults)

bug:
	MOVD	$4, R0
	B	·kernelException(SB)

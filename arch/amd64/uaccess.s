//go:build tamago && amd64

// User copies through the MMU, as Linux's copy_from_user and copy_to_user
// do (arch/x86/lib/copy_user_64.S), with FreeBSD's pcb_onfault in place
// of Linux's exception table: uaccessOnFault holds uaccessFault's address
// while a copy runs, and a page fault in ring 0 resumes there
// (trapCommon) instead of stopping the kernel.
//
//
// With CR4.SMAP set (Init, when the CPU has it) any other kernel access
// to a user page faults: the copies open their window with STAC and
// close it with CLAC, as Linux's do. STAC and CLAC are #UD without SMAP,
// and Linux patches them in at boot (alternatives); here a branch on
// smap skips them, two instructions each way. The fault path needs no
// CLAC: trapCommon clears AC in the RFLAGS it returns with.

#include "textflag.h"

// func CopyFromUser(dst unsafe.Pointer, src uintptr, n uintptr) (ok bool)
TEXT ·CopyFromUser(SB),NOSPLIT,$0-25
	MOVQ	dst+0(FP), DI
	MOVQ	src+8(FP), SI
	MOVQ	n+16(FP), CX
	MOVQ	$·uaccessFault(SB), AX
	MOVQ	AX, ·uaccessOnFault(SB)
	CMPB	·smap(SB), $0
	JEQ	open
	STAC
open:

	CMPQ	CX, $8
	JB	bytes
	JA	words
	MOVQ	(SI), AX	// a sigset_t, a pointer, an rseq word
	MOVQ	AX, (DI)
	JMP	done
words:
	MOVQ	(SI), AX
	MOVQ	AX, (DI)
	ADDQ	$8, SI
	ADDQ	$8, DI
	SUBQ	$8, CX
	CMPQ	CX, $8
	JAE	words
bytes:
	TESTQ	CX, CX
	JZ	done
	MOVB	(SI), AX
	MOVB	AX, (DI)
	INCQ	SI
	INCQ	DI
	DECQ	CX
	JMP	bytes

done:
	CMPB	·smap(SB), $0
	JEQ	closed
	CLAC
closed:
	MOVQ	$0, ·uaccessOnFault(SB)
	MOVB	$1, ok+24(FP)
	RET

// func CopyToUser(dst uintptr, src unsafe.Pointer, n uintptr) (ok bool)
//
// The same copy with the user on the other side: same frame, so a jump.
TEXT ·CopyToUser(SB),NOSPLIT|NOFRAME,$0-25
	JMP	·CopyFromUser(SB)

// uaccessFault is where a copy resumes after a page fault, on the copy's
// own frame (trapCommon replaced the interrupted IP): it fails the copy.
TEXT ·uaccessFault(SB),NOSPLIT,$0-25
	MOVB	$0, ok+24(FP)
	RET

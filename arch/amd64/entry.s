//go:build tamago && amd64

// Ring 3 entry and exit. One CPU: the per-CPU state lives in the globals
// of run.go. A Context's register file doubles as the entry stack: TSS.RSP0
// and the SYSCALL path both point the stack at the end of its pt_regs part
// and push the user registers straight into it, as Linux's entry_64.S does
// on its per-CPU stack.

#include "go_asm.h"
#include "textflag.h"

#define MSR_FS_BASE 0xc0000100
#define ENOSYS 38

// func userEnter(ctx *Context) (vector uint64)
//
// Enters ring 3 with ctx and returns at the next trap from ring 3 with ctx
// updated and the vector (trapSyscall for SYSCALL). Interrupts are off
// from here until the user flags are loaded. Clobbers every register but
// SP and BP; the ABI wrapper reloads g from FS, which userExit restores.
TEXT ·userEnter(SB),NOSPLIT,$0-16
	MOVQ	ctx+0(FP), DI
	CLI
	MOVQ	SP, ·kernelSP(SB)
	MOVQ	BP, ·kernelBP(SB)
	MOVQ	DI, ·curCtx(SB)

	// The next ring 3 -> 0 transition pushes its frame into ctx.
	LEAQ	(Context_Regs+Regs_FSBase)(DI), AX
	MOVQ	AX, ·tss+4(SB)

	// Keep the Go runtime's FS base (its TLS) for the way back.
	MOVL	$MSR_FS_BASE, CX
	RDMSR
	MOVL	AX, ·kernelFS(SB)
	MOVL	DX, ·kernelFS+4(SB)

	ADDQ	$Context_Regs, DI
	MOVL	Regs_FSBase(DI), AX
	MOVL	(Regs_FSBase+4)(DI), DX
	WRMSR

	MOVQ	(Context_fxp-Context_Regs)(DI), AX
	FXRSTOR64	(AX)

	JMP	·userReturn(SB)

// iretReturn returns to ring 3 with IRETQ from the register file at DI,
// which works for every user state.
TEXT ·iretReturn(SB),NOSPLIT|NOFRAME,$0
	MOVQ	DI, SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BP
	POPQ	BX
	POPQ	R11
	POPQ	R10
	POPQ	R9
	POPQ	R8
	POPQ	AX
	POPQ	CX
	POPQ	DX
	POPQ	SI
	POPQ	DI
	ADDQ	$8, SP		// orig_ax
	IRETQ

// syscallEntry is LSTAR. SYSCALL left RIP in RCX, RFLAGS in R11, masked
// IF/TF/DF/AC and kept the user stack: switch to the context and build
// pt_regs as an interrupt would, with orig_ax = nr and ax = -ENOSYS.
TEXT ·syscallEntry(SB),NOSPLIT|NOFRAME,$0
	MOVQ	SP, ·userSP(SB)
	MOVQ	·curCtx(SB), SP
	ADDQ	$(Context_Regs+Regs_FSBase), SP

	PUSHQ	$const_UserDS
	PUSHQ	·userSP(SB)
	PUSHQ	R11
	PUSHQ	$const_UserCS
	PUSHQ	CX
	PUSHQ	AX
	PUSHQ	DI
	PUSHQ	SI
	PUSHQ	DX
	PUSHQ	CX
	PUSHQ	$-ENOSYS
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15

	MOVQ	$const_trapSyscall, ·trapVector(SB)
	JMP	·userExit(SB)

// trapCommon is reached from every IDT stub with the error code (or -1)
// on top of the interrupt frame. From ring 3 the frame already sits in the
// context (TSS.RSP0); from ring 0 it is on the interrupted goroutine stack.
TEXT ·trapCommon(SB),NOSPLIT|NOFRAME,$0
	TESTB	$3, 16(SP)
	JZ	kernel

	PUSHQ	DI
	PUSHQ	SI
	PUSHQ	DX
	PUSHQ	CX
	PUSHQ	AX
	PUSHQ	R8
	PUSHQ	R9
	PUSHQ	R10
	PUSHQ	R11
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	MOVQ	CR2, AX
	MOVQ	AX, ·trapAddr(SB)
	JMP	·userExit(SB)

kernel:
	CMPQ	·trapVector(SB), $32
	JAE	irq

	// An exception in the kernel itself is a kernel bug: report, stop.
	MOVQ	0(SP), AX
	MOVQ	AX, ·kernelFaultCode(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, ·kernelFaultIP(SB)
	MOVQ	CR2, AX
	MOVQ	AX, ·kernelFaultAddr(SB)
	CALL	·kernelFault(SB)
hang:
	HLT
	JMP	hang

irq:
	// No device interrupt is routed to the kernel yet: acknowledge and
	// go on.
	PUSHQ	AX
	MOVL	$0xfee000b0, AX
	MOVL	$0, (AX)
	POPQ	AX
	ADDQ	$8, SP
	IRETQ

// userExit returns from userEnter with the user state saved: kernel FS base
// back (g is reached through it), user x87/SSE state saved, direction flag
// clear as the Go ABI requires.
TEXT ·userExit(SB),NOSPLIT|NOFRAME,$0
	CLD
	MOVL	$MSR_FS_BASE, CX
	MOVL	·kernelFS(SB), AX
	MOVL	·kernelFS+4(SB), DX
	WRMSR

	MOVQ	·curCtx(SB), DI
	MOVQ	Context_fxp(DI), AX
	FXSAVE64	(AX)

	MOVQ	·kernelSP(SB), SP
	MOVQ	·kernelBP(SB), BP
	MOVQ	·trapVector(SB), AX
	MOVQ	AX, 16(SP)	// userEnter's result
	RET

// func syscallEntryAddr() uintptr
TEXT ·syscallEntryAddr(SB),NOSPLIT,$0-8
	MOVQ	$·syscallEntry(SB), AX
	MOVQ	AX, ret+0(FP)
	RET

//go:build tamago && amd64 && !iret

// The default return design: SYSRETQ where it is exact and safe, IRETQ
// otherwise (docs/designs.md). Build with -tags iret for IRETQ always.

#include "go_asm.h"
#include "textflag.h"

// userReturn enters ring 3 from the register file at DI (in: DI; the FS
// base and FP state are loaded). SYSRETQ only when it is exact and safe,
// as Linux decides in do_syscall_64: it loads RIP from RCX and RFLAGS from
// R11, so those must already hold ip and flags (true after a syscall, not
// after a fault or a changed IP); a non-canonical RCX faults in ring 0 on
// Intel; standard selectors; no TF/RF.
TEXT ·userReturn(SB),NOSPLIT|NOFRAME,$0
	MOVQ	Regs_IP(DI), AX
	CMPQ	AX, Regs_CX(DI)
	JNE	iret
	SHRQ	$47, AX
	JNZ	iret
	MOVQ	Regs_Flags(DI), AX
	CMPQ	AX, Regs_R11(DI)
	JNE	iret
	CMPQ	Regs_CS(DI), $const_UserCS
	JNE	iret
	CMPQ	Regs_SS(DI), $const_UserDS
	JNE	iret
	TESTQ	$(const_FlagTF|const_FlagRF), Regs_Flags(DI)
	JNZ	iret
	JMP	·sysretFast(SB)

iret:
	JMP	·iretReturn(SB)

// sysretFast is SYSRETQ from the register file at DI, for a caller that
// knows it is exact and safe: userReturn after its checks, the fast
// syscall path, which checked at entry and ran a handler that writes no
// register but the return value.
TEXT ·sysretFast(SB),NOSPLIT|NOFRAME,$0
	MOVQ	DI, SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BP
	POPQ	BX
	ADDQ	$8, SP		// r11: SYSRET takes RFLAGS from it
	POPQ	R10
	POPQ	R9
	POPQ	R8
	POPQ	AX
	ADDQ	$8, SP		// cx: SYSRET takes RIP from it
	POPQ	DX
	POPQ	SI
	POPQ	DI
	MOVQ	(Regs_IP-Regs_OrigAX)(SP), CX
	MOVQ	(Regs_Flags-Regs_OrigAX)(SP), R11
	MOVQ	(Regs_SP-Regs_OrigAX)(SP), SP
	BYTE	$0x48; BYTE $0x0f; BYTE $0x07	// SYSRETQ

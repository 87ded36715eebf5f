//go:build tamago && amd64 && iret

// The IRETQ-only return design (-tags iret, docs/designs.md): every return
// to ring 3 pops the interrupt frame, as after an exception.

#include "textflag.h"

// userReturn enters ring 3 from the register file at DI.
TEXT ·userReturn(SB),NOSPLIT|NOFRAME,$0
	JMP	·iretReturn(SB)

// sysretFast is the fast syscall path's return: IRETQ too in this design.
TEXT ·sysretFast(SB),NOSPLIT|NOFRAME,$0
	JMP	·iretReturn(SB)

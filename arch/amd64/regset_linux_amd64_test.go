package amd64

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/unix"

	"github.com/ringside-kernel/ringside/ptrace"
)

// TestRegsetPRStatusMatchesXSys holds NT_PRSTATUS against x/sys's
// PtraceRegsAmd64, which x/sys only builds for linux/386 and linux/amd64
// (hence this file's name): every field must read the value ringside
// stored in the matching register.
func TestRegsetPRStatusMatchesXSys(t *testing.T) {
	c := markedContext()
	b := image(t, c)
	var x unix.PtraceRegsAmd64
	assert.Equal(t, uintptr(RegsSize), unsafe.Sizeof(x))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&x)), unsafe.Sizeof(x)), b)

	r := &c.Regs
	for _, f := range []struct {
		name      string
		got, want uint64
	}{
		{"r15", x.R15, r.R15}, {"r14", x.R14, r.R14},
		{"r13", x.R13, r.R13}, {"r12", x.R12, r.R12},
		{"rbp", x.Rbp, r.BP}, {"rbx", x.Rbx, r.BX},
		{"r11", x.R11, r.R11}, {"r10", x.R10, r.R10},
		{"r9", x.R9, r.R9}, {"r8", x.R8, r.R8},
		{"rax", x.Rax, r.AX}, {"rcx", x.Rcx, r.CX},
		{"rdx", x.Rdx, r.DX}, {"rsi", x.Rsi, r.SI},
		{"rdi", x.Rdi, r.DI}, {"orig_rax", x.Orig_rax, r.OrigAX},
		{"rip", x.Rip, r.IP}, {"cs", x.Cs, r.CS},
		{"eflags", x.Eflags, r.Flags}, {"rsp", x.Rsp, r.SP},
		{"ss", x.Ss, r.SS}, {"fs_base", x.Fs_base, r.FSBase},
		{"gs_base", x.Gs_base, r.GSBase}, {"ds", x.Ds, r.DS},
		{"es", x.Es, r.ES}, {"fs", x.Fs, r.FS}, {"gs", x.Gs, r.GS},
	} {
		assert.Equal(t, f.want, f.got, f.name)
	}

	n, err := ptrace.GetRegset(RegsetView(), ptrace.NT_PRSTATUS, c,
		make([]byte, unsafe.Sizeof(x)))
	assert.Zero(t, err)
	assert.Equal(t, int(unsafe.Sizeof(x)), n)
}

package amd64

import "unsafe"

// Context is a task's complete user CPU state: the register file, the
// FXSAVE image of its x87/SSE state and the FS base. The entry code writes
// the register file in place, so a Context must not move while it runs:
// allocate it with NewContext and keep it referenced.
type Context struct {
	// pad puts the end of pt_regs, where TSS.RSP0 points, on a 16-byte
	// boundary: in 64-bit mode the CPU aligns RSP down to 16 before it
	// pushes an interrupt frame (SDM Vol. 3A, 6.14.2).
	pad uint64

	// Regs is addressed by entry.s, which pushes pt_regs into it.
	Regs Regs

	// fxp is the 16-byte aligned address of the FXSAVE image inside fx.
	fxp uintptr
	fx  [FXSize + 16]byte

	// fast is the fast syscall path's view of the task (entry.s).
	fast FastPath
}

// FXSize is the size of the FXSAVE image (user_i387_struct,
// SDM Vol. 1, 10.5.1).
const FXSize = 512

// Default x87 control word and MXCSR of a fresh task (FNINIT and the
// MXCSR reset value, as Linux's fpstate_init_fxstate).
const (
	defaultFCW   = 0x037f
	defaultMXCSR = 0x1f80
)

// NewContext returns the state of a fresh task that starts at entry with
// its stack pointer at sp.
func NewContext(entry, sp uint64) *Context {
	c := &Context{Regs: NewUserRegs(entry, sp)}

	// Go allocates objects of this size 16-byte aligned; entry.s
	// depends on it.
	if uintptr(unsafe.Pointer(&c.Regs.FSBase))%16 != 0 {
		panic("amd64: Context end of pt_regs not 16-byte aligned")
	}

	c.fxp = (uintptr(unsafe.Pointer(&c.fx[0])) + 15) &^ 15
	fx := c.FX()
	fx[0], fx[1] = defaultFCW&0xff, defaultFCW>>8
	fx[24], fx[25] = defaultMXCSR&0xff, defaultMXCSR>>8

	return c
}

// FX returns the FXSAVE image (NT_PRFPREG's content).
func (c *Context) FX() []byte {
	off := c.fxp - uintptr(unsafe.Pointer(&c.fx[0]))
	return c.fx[off : off+FXSize]
}

// TLS returns the user FS base (the thread pointer of glibc and musl).
func (c *Context) TLS() uint64 { return c.Regs.FSBase }

// SetTLS sets the user FS base: arch_prctl(ARCH_SET_FS).
func (c *Context) SetTLS(v uint64) { c.Regs.FSBase = v }

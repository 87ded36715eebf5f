package arm64

import "unsafe"

// Context is a task's complete user CPU state: the register file, the
// FP/SIMD registers and the thread pointer. The exception vectors store
// the registers straight into it (SP_EL1 points at it while the task
// runs, see entry_arm64.s), so a Context must not move while it runs:
// allocate it with NewContext and keep it referenced.
type Context struct {
	// Regs comes first: entry_arm64.s addresses it at SP_EL1 + 0.
	Regs Regs
	// FPSIMD is the task's V0-V31, FPSR and FPCR.
	FPSIMD FPSIMD
	// TPIDR is TPIDR_EL0, the user thread pointer.
	TPIDR uint64

	// fast is the fast syscall path's view of the task (entry.s).
	fast FastPath
}

// FPSIMD is struct user_fpsimd_state (arch/arm64/include/uapi/asm/
// ptrace.h), the NT_PRFPREG regset: V0-V31 as 16-byte little-endian
// values, then FPSR and FPCR.
type FPSIMD struct {
	V    [32][16]byte
	FPSR uint32
	FPCR uint32
	_    [2]uint32
}

// FPSIMDSize is sizeof(struct user_fpsimd_state).
const FPSIMDSize = 528

// NewContext returns the state of a fresh task that starts at entry with
// its stack pointer at sp: zeroed FP/SIMD registers, FPCR 0 (round to
// nearest, no traps, as Linux's fpsimd_flush_thread leaves it), no
// thread pointer.
func NewContext(entry, sp uint64) *Context {
	c := &Context{Regs: NewUserRegs(entry, sp)}

	// The vectors store through SP_EL1, which must be 16-byte aligned
	// (SCTLR_EL1.SA); Go allocates objects of this size that way.
	if uintptr(unsafe.Pointer(c))%16 != 0 {
		panic("arm64: Context not 16-byte aligned")
	}
	return c
}

// FPState returns the FP/SIMD state as the bytes of struct
// user_fpsimd_state, aliasing the context (signal frames and NT_PRFPREG).
// With lazyfp the live registers are saved into their Context first, so
// the bytes are the task's state and what is written to them is loaded
// on the task's next return to EL0.
func (c *Context) FPState() []byte {
	flushFP()
	return unsafe.Slice((*byte)(unsafe.Pointer(&c.FPSIMD)), FPSIMDSize)
}

// TLS returns TPIDR_EL0 (the thread pointer of glibc and musl).
func (c *Context) TLS() uint64 { return c.TPIDR }

// SetTLS sets TPIDR_EL0: the NT_ARM_TLS regset, and clone's CLONE_SETTLS.
func (c *Context) SetTLS(v uint64) { c.TPIDR = v }

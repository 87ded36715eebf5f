package amd64

import (
	"debug/elf"
	"encoding/binary"
	"unsafe"

	"github.com/ringside-kernel/ringside/kernel/abi"
	"github.com/ringside-kernel/ringside/ptrace"
)

// Regs must be exactly the 27 words of user_regs_struct for words().
var (
	_ [unsafe.Sizeof(Regs{}) - RegsSize]struct{}
	_ [RegsSize - unsafe.Sizeof(Regs{})]struct{}
)

// Word indices of user_regs_struct that a write validates (putreg in
// arch/x86/kernel/ptrace.c).
const (
	regCS     = 17
	regFlags  = 18
	regSS     = 20
	regFSBase = 21
	regGSBase = 22
	regDS     = 23
	regGS     = 26
)

// taskSizeMax is TASK_SIZE_MAX with 4-level paging
// (asm/page_64_types.h): the top user page stays unused, and a larger
// FS or GS base is refused.
const taskSizeMax = 1<<47 - 4096

// userRPL is the requested privilege level of a user selector (USER_RPL).
const userRPL = 3

// mxcsrFeatureMask is the MXCSR bits a tracer may set: every defined bit,
// DAZ included, as Linux's mxcsr_feature_mask on a CPU whose FXSAVE
// reports an MXCSR_MASK of 0xffff (every x86-64 CPU ringside targets).
const mxcsrFeatureMask = 0xffff

// mxcsrOffset is where MXCSR sits in the FXSAVE image (SDM Vol. 1,
// 10.5.1, table 10-2).
const mxcsrOffset = 24

// regsetView is the "x86_64" view. NT_X86_XSTATE is not offered:
// ringside saves a task's FPU state with FXSAVE only (no XSAVE area, so
// no AVX state to expose), and a tracer falls back to NT_PRFPREG when
// PTRACE_GETREGSET with NT_X86_XSTATE fails with EINVAL, as on a CPU
// without XSAVE.
var regsetView = ptrace.View[*Context]{
	Name:    "x86_64",
	Machine: elf.EM_X86_64,
	Regsets: []ptrace.Regset[*Context]{
		{
			Note: ptrace.NT_PRSTATUS, N: RegsSize / 8, Size: 8,
			Align: 8, Get: genregsGet, Set: genregsSet,
		},
		{
			Note: ptrace.NT_PRFPREG, N: FXSize / 8, Size: 8,
			Align: 8, Get: xfpregsGet, Set: xfpregsSet,
		},
	},
}

// RegsetView returns the register sets of an x86-64 task, what Linux's
// task_user_regset_view returns for a 64-bit task (x86_64_regsets in
// arch/x86/kernel/ptrace.c). The view is shared: do not modify it.
func RegsetView() *ptrace.View[*Context] { return &regsetView }

// words returns the register file as user_regs_struct's array of words.
func (r *Regs) words() *[RegsSize / 8]uint64 {
	return (*[RegsSize / 8]uint64)(unsafe.Pointer(r))
}

// genregsGet stores the leading words of user_regs_struct (genregs_get).
func genregsGet(c *Context, dst []byte) {
	w := c.Regs.words()
	for i := 0; i < len(dst)/8; i++ {
		binary.LittleEndian.PutUint64(dst[8*i:], w[i])
	}
}

// genregsSet writes the leading words of user_regs_struct one by one, as
// genregs_set does: a refused word stops the write with EIO and leaves
// the words before it written.
func genregsSet(c *Context, src []byte) abi.Errno {
	w := c.Regs.words()
	for i := 0; i < len(src)/8; i++ {
		v, err := putreg(w[i], i, binary.LittleEndian.Uint64(src[8*i:]))
		if err != 0 {
			return err
		}
		w[i] = v
	}
	return 0
}

// putreg returns the value word i of user_regs_struct takes when a tracer
// writes v over old, or EIO (putreg, set_segment_reg, set_flags):
//   - a selector is truncated to 16 bits and must be null or carry RPL 3;
//     CS and SS must not be null;
//   - RFLAGS keeps its old value outside FLAG_MASK;
//   - the FS and GS bases must lie below TASK_SIZE_MAX.
func putreg(old uint64, i int, v uint64) (uint64, abi.Errno) {
	switch {
	case i == regCS || i == regSS || (i >= regDS && i <= regGS):
		sel := uint16(v)
		if sel != 0 && sel&3 != userRPL {
			return 0, abi.EIO
		}
		if sel == 0 && (i == regCS || i == regSS) {
			return 0, abi.EIO
		}
		return uint64(sel), 0

	case i == regFlags:
		return old&^userFlagsMask | v&userFlagsMask, 0

	case i == regFSBase || i == regGSBase:
		if v >= taskSizeMax {
			return 0, abi.EIO
		}
	}
	return v, 0
}

// xfpregsGet stores the leading bytes of the FXSAVE image (xfpregs_get).
func xfpregsGet(c *Context, dst []byte) { copy(dst, c.FX()) }

// xfpregsSet replaces the FXSAVE image (xfpregs_set): only a whole image
// is accepted, and an MXCSR with reserved bits set is refused, both with
// EINVAL, before anything is written (FXRSTOR would fault on it).
func xfpregsSet(c *Context, src []byte) abi.Errno {
	if len(src) != FXSize {
		return abi.EINVAL
	}
	if binary.LittleEndian.Uint32(src[mxcsrOffset:])&^mxcsrFeatureMask != 0 {
		return abi.EINVAL
	}

	copy(c.FX(), src)
	return 0
}

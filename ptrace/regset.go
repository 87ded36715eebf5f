package ptrace

import (
	"debug/elf"

	"github.com/ringside-kernel/ringside/kernel/abi"
)

// ptrace(2) requests on register sets (include/uapi/linux/ptrace.h).
const (
	PTRACE_GETREGSET = 0x4204
	PTRACE_SETREGSET = 0x4205
)

// ELF note types that name the register sets (include/uapi/linux/elf.h).
const (
	NT_PRSTATUS        uint32 = 1
	NT_PRFPREG         uint32 = 2
	NT_X86_XSTATE      uint32 = 0x202
	NT_ARM_TLS         uint32 = 0x401
	NT_ARM_SYSTEM_CALL uint32 = 0x404
)

// Regset is one register set of an architecture, Linux's struct
// user_regset (include/linux/regset.h). C is the architecture's task
// context (*amd64.Context, *arm64.Context); the architecture package
// builds its regsets and ptrace never sees the concrete type.
type Regset[C any] struct {
	// Note is the ELF note type that names the set (core_note_type).
	Note uint32
	// N is the number of registers, Size the bytes of one, Align the
	// alignment of the set in a core dump note.
	N, Size, Align int

	// Get stores the first len(dst) bytes of the set into dst
	// (regset_get).
	//
	// Preconditions: len(dst) is a multiple of Size and at most Len().
	Get func(ctx C, dst []byte)

	// Set writes src over the first len(src) bytes of the set and
	// returns 0 or the errno that refuses it (user_regset_set_fn with
	// pos 0). Whether a refused write leaves earlier registers written
	// is the set's own rule, as in Linux.
	//
	// Preconditions: as Get's.
	Set func(ctx C, src []byte) abi.Errno
}

// Len is the size of the whole set in bytes (n * size).
func (rs *Regset[C]) Len() int { return rs.N * rs.Size }

// View is the register sets a task's architecture offers, Linux's struct
// user_regset_view. Each architecture package holds one for its context
// type: what task_user_regset_view returns for a task of that machine.
type View[C any] struct {
	// Name is the view's name, "x86_64" or "aarch64".
	Name string
	// Machine is the ELF e_machine of the tasks it serves.
	Machine elf.Machine
	// Regsets are the sets, found by Note.
	Regsets []Regset[C]
}

// Find returns the regset with note type note, or nil (find_regset).
func (v *View[C]) Find(note uint32) *Regset[C] {
	for i := range v.Regsets {
		if v.Regsets[i].Note == note {
			return &v.Regsets[i]
		}
	}
	return nil
}

// RegsetLen checks a PTRACE_GETREGSET or PTRACE_SETREGSET request for
// note with iov_len iovLen and returns the length the request will use:
// iovLen clamped to the size of the set. The steps, in ptrace_regset's
// order (kernel/ptrace.c):
//
//  1. no regset with that note type: EINVAL;
//  2. iovLen not a multiple of the register size: EINVAL;
//  3. iovLen above the set's size: clamped to it.
//
// A caller sizes its kernel buffer with it before copying from or to the
// tracer's iov_base.
func RegsetLen[C any](v *View[C], note uint32, iovLen uint64) (int, abi.Errno) {
	rs := v.Find(note)
	if rs == nil {
		return 0, abi.EINVAL
	}
	if iovLen%uint64(rs.Size) != 0 {
		return 0, abi.EINVAL
	}
	return int(min(iovLen, uint64(rs.Len()))), 0
}

// GetRegset is PTRACE_GETREGSET on a kernel buffer (ptrace_regset, then
// copy_regset_to_user without the copy): it checks len(buf) as RegsetLen
// does, fills buf with the leading bytes of the set and returns how many
// it used. The caller copies buf[:n] to iov_base (EFAULT if that fails)
// and only then writes n back to iov_len. It allocates nothing.
func GetRegset[C any](v *View[C], note uint32, ctx C, buf []byte) (int, abi.Errno) {
	n, err := RegsetLen(v, note, uint64(len(buf)))
	if err != 0 {
		return 0, err
	}

	if n > 0 {
		v.Find(note).Get(ctx, buf[:n])
	}
	return n, 0
}

// SetRegset is PTRACE_SETREGSET from a kernel buffer that holds the
// tracer's iov_base bytes (ptrace_regset, then copy_regset_from_user
// without the copy): it checks len(buf) as RegsetLen does, writes the
// leading bytes of the set from buf and returns how many it used, the
// caller's new iov_len. A set's own validation may refuse the write
// (EIO, EINVAL); the caller then leaves iov_len alone, as Linux does.
// A zero-length write still calls the set, as Linux's does: a set that
// only accepts whole images refuses it.
func SetRegset[C any](v *View[C], note uint32, ctx C, buf []byte) (int, abi.Errno) {
	n, err := RegsetLen(v, note, uint64(len(buf)))
	if err != 0 {
		return 0, err
	}

	if err := v.Find(note).Set(ctx, buf[:n]); err != 0 {
		return 0, err
	}
	return n, 0
}

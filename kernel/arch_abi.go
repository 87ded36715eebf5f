package kernel

import "github.com/ringside-kernel/ringside/kernel/abi"

// archLayout is the part of an architecture's ABI the syscall handlers
// need beyond the Arch interface: the struct layouts and sizes that
// differ between x86_64 and arm64. AMD64 and ARM64 implement it; an Arch
// that does not (a test fake) gets x86_64's.
type archLayout interface {
	// encodeStat lays out struct stat.
	encodeStat(s *abi.Stat) []byte
	// minSigStackSize is MINSIGSTKSZ, sigaltstack's lower bound.
	minSigStackSize() uint64
}

// layout returns the task's architecture layouts.
func (t *Task) layout() archLayout {
	if l, ok := t.Arch.(archLayout); ok {
		return l
	}
	return AMD64{}
}

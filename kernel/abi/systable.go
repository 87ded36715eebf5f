package abi

// SysTable maps an architecture's syscall numbers to portable
// identifiers, indexed by number; numbers without an identifier hold
// SysInvalid. Each arch package defines its own.
type SysTable []Sys

// Sys returns the identifier of number nr, or SysInvalid.
func (t SysTable) Sys(nr int) Sys {
	if nr < 0 || nr >= len(t) {
		return SysInvalid
	}
	return t[nr]
}

// Nr is the inverse of Sys: the number of s, or -1 when the architecture
// has no such syscall.
func (t SysTable) Nr(s Sys) int {
	if s == SysInvalid {
		return -1
	}
	for nr, v := range t {
		if v == s {
			return nr
		}
	}
	return -1
}

package mm

import "github.com/ringside-kernel/ringside/kernel/abi"

// PROT_* bits mprotect(2) accepts besides access (asm-generic/mman-common.h).
const (
	protSem       Prot = 0x8
	protGrowsDown Prot = 0x01000000
	protGrowsUp   Prot = 0x02000000
)

// Mprotect is mprotect(2) (do_mprotect_pkey). Checks, in Linux's order:
// PROT_GROWSDOWN and PROT_GROWSUP together → EINVAL; addr not page
// aligned → EINVAL; length zero → success; range wrapping → ENOMEM;
// unknown bits → EINVAL; no VMA at addr → ENOMEM.
//
// VMAs are split at both ends and walked in order; a hole stops the walk
// with ENOMEM, leaving the VMAs before it changed, as Linux does. Present
// pages get the new permissions in hardware; PROT_NONE takes them out of
// hardware but keeps their frames and contents. PROT_GROWSDOWN/UP need a
// growing VMA, which ringside does not have: EINVAL.
func (as *AddressSpace) Mprotect(addr, length uint64, prot Prot) abi.Errno {
	as.mu.Lock()
	defer as.mu.Unlock()

	grows := prot & (protGrowsDown | protGrowsUp)
	prot &^= grows
	if grows == protGrowsDown|protGrowsUp || addr&pageMask != 0 {
		return abi.EINVAL
	}
	if length == 0 {
		return 0
	}
	size, ok := pageUp(length)
	end := addr + size
	if !ok || end <= addr {
		return abi.ENOMEM
	}
	if prot&^(protAccess|protSem) != 0 {
		return abi.EINVAL
	}
	prot &= protAccess
	if v := as.vmaAt(addr); v == nil {
		return abi.ENOMEM
	}
	if grows != 0 {
		return abi.EINVAL
	}

	as.splitAt(addr)
	as.splitAt(end)
	defer as.merge()
	next := addr
	for i := as.lowerBound(addr); i < len(as.vmas) &&
		as.vmas[i].Start < end; i++ {
		v := &as.vmas[i]
		if v.Start != next {
			return abi.ENOMEM
		}
		v.Prot = prot
		as.last.reset()
		if err := as.reprotect(v.Start, v.End, prot); err != nil {
			return abi.ENOMEM
		}
		next = v.End
	}
	if next < end {
		return abi.ENOMEM
	}
	return 0
}

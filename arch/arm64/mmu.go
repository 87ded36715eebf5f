//go:build tamago && arm64

package arm64

// defined in mmu.s

// SetTTBR0 switches TTBR0_EL1 to the tables at root tagged with asid
// (D19.2.143) and synchronises the context. With ASIDs no TLB
// maintenance is needed; the entries of other ASIDs stay valid.
func SetTTBR0(root uint64, asid uint16)

// TTBR0 returns TTBR0_EL1.
func TTBR0() uint64

// InvalidatePage drops the TLB entries of va tagged with asid in the
// inner shareable domain (TLBI VAE1IS) and waits for completion. The
// descriptor store it follows is made visible to the walker first.
func InvalidatePage(va uint64, asid uint16)

// InvalidateASID drops every TLB entry tagged with asid (TLBI ASIDE1IS).
func InvalidateASID(asid uint16)

// InvalidateAll drops every EL1&0 TLB entry (TLBI VMALLE1IS).
func InvalidateAll()

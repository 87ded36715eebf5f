//go:build tamago && amd64

package amd64

// defined in mmu.s

// LoadCR3 switches to the address space whose PML4 is at root.
func LoadCR3(root uint64)

// ReadCR3 returns the current PML4 address.
func ReadCR3() uint64

// Invlpg drops the TLB entry of va (INVLPG).
func Invlpg(va uint64)

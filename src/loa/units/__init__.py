"""Administrative units (đơn vị hành chính) of both eras, and the agencies inside them."""

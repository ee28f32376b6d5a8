"""Every sentence about a result, written from its numbers at the edge."""

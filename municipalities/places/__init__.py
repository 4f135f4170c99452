"""Place pages: what a region and each of its municipalities tell the people who move
there, kept by their own editors, with the national guides behind every empty section."""

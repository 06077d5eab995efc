"""What every layer may use and that knows nothing of elections: errors,
safe text, exact decimals, where output goes, standard streams, processes."""

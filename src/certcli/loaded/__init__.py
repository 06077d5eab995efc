"""The loaded contest: a path read, validated and its dates resolved."""

"""neuroplast.sona"""

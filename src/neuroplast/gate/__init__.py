"""neuroplast.gate"""

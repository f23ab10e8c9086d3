"""neuroplast.memory"""
